"""Benchmarks: production-like (DEBUG off, compiled templates) on a local SQLite file over HTTP."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "bench-only-not-secret-7c1e9a0b3d5f2e4a6c8b"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DB", str(BASE_DIR / "bench-results" / "bench.sqlite3")),
        "OPTIONS": SQLITE_OPTIONS,
        "CONN_MAX_AGE": 600,
    }
}
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES["default"] = dj_database_url.config(conn_max_age=600)
# The cache production runs: Redis, shared by the app servers (a database of its own, emptied at
# the start of each run), so sessions and signed-in accounts are read from it.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
CACHES = {"default": {"BACKEND": "lms.ops.cache.ForgivingRedisCache", "LOCATION": REDIS_URL}}
CACHE_SHARED = True
SESSION_ENGINE = "lms.ops.sessions"
ROOT_URLCONF = "tests.benchmarks.urls"
WHITENOISE_USE_FINDERS = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_DATA_ENABLED = True
DEMO_PASSWORD = "bench-password"  # noqa: S105
AXES_ENABLED = False
LOGGING["root"]["level"] = "ERROR"
