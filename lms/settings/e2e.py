"""Browser tests: a real server on a throwaway SQLite file, mail written to files."""

import os

from .dev import *

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("E2E_DB", str(BASE_DIR / "e2e.sqlite3")),
        "OPTIONS": SQLITE_OPTIONS,
    }
}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ.get("E2E_MAIL_DIR", str(BASE_DIR / "e2e-mail"))},
    }
}
# Two gunicorn workers: a cache both see (a folder of this run's own, so nothing of an earlier
# run's database is read), so that sessions and accounts may be read from it as in production.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("E2E_CACHE_DIR", str(BASE_DIR / "e2e-cache")),
    }
}
CACHE_SHARED = True
WHITENOISE_USE_FINDERS = True  # serve static files without collectstatic
MEDIA_ROOT = Path(os.environ.get("E2E_MEDIA", str(BASE_DIR / "e2e-media")))
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
AXES_ENABLED = False  # many sign-ins from one client in a few seconds
SIGN_UP_REQUESTS_PER_HOUR = 1000  # likewise many sign-ups (the limit has its own unit tests)
# A browser test of the idle sign-out runs a second server with a timeout of a few seconds.
SESSION_IDLE_TIMEOUT = int(os.environ.get("E2E_IDLE_SECONDS", SESSION_IDLE_TIMEOUT))
SESSION_IDLE_WARNING = int(os.environ.get("E2E_IDLE_WARNING_SECONDS", SESSION_IDLE_WARNING))
# The second-factor flows run on a server of their own with staff MFA on, as in production.
STAFF_MFA_REQUIRED = os.environ.get("E2E_STAFF_MFA_REQUIRED") == "1"
if os.environ.get("E2E_ORIGIN"):  # passkeys: the server's http://localhost:<port>
    OTP_WEBAUTHN_ALLOWED_ORIGINS = [os.environ["E2E_ORIGIN"]]
