"""Local development: debug on, mail to the console, demo accounts allowed."""

from .base import *

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-3f9a1c7e5b2d4f6a8c0e")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEMO_DATA_ENABLED = True
# `make run` is one process (runserver): its local cache is the only one.
CACHE_SHARED = True
SESSION_ENGINE = "lms.ops.sessions"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "local-demo-only")
