"""Tests: fast hashing, mail kept in memory, tasks run at once, files in a temporary folder."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret-9d8c7b6a5f4e3d2c1b0a"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lms-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lms-private-"))
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
DEMO_DATA_ENABLED = True
DEMO_PASSWORD = "test-demo-password"  # noqa: S105
AXES_ENABLED = True
# Always the local cache, whatever REDIS_URL says (tests clear it); Redis is tested explicitly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process: its local cache is the only one, so sessions and accounts are read from it, as in
# production (lms/accounts/backends.py).
CACHE_SHARED = True
SESSION_ENGINE = "lms.ops.sessions"
