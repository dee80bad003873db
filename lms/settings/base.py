"""Settings shared by every environment. Environment files override, never the reverse."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PROGRAM_NAME = os.environ.get("PROGRAM_NAME", "Peer Mentor Program")

INSTALLED_APPS = [
    "content",
    "lms",
    "lms.mentorship",
    "credentials",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks_db",
    "crontask",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # PostgreSQL's full-text search for Wagtail's database search backend (its index uses
    # SearchVectorField and GIN indexes). On SQLite the app only registers lookups: harmless.
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache versions (lms/ops/versioned.py) are read once per request.
    "lms.ops.versioned.RequestVersionsMiddleware",
    # Anonymous verification pages from the shared cache, before sessions and sign-in.
    "credentials.certificates.middleware.CachedVerificationMiddleware",
    # A view that meets a database outage answers a static 503 page (lms/ops/outage.py).
    "lms.ops.outage.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "lms.middleware.AdminSecurityHeadersMiddleware",
    "lms.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lms.middleware.SecondFactorMiddleware",
    "lms.middleware.OutOfRangeInputMiddleware",
    "lms.middleware.MethodNotAllowedPageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project templates, then the templates of rooms that are packages rather than apps.
        "DIRS": [
            BASE_DIR / "templates",
            BASE_DIR / "lms" / "common" / "templates",
            BASE_DIR / "lms" / "accounts" / "templates",
            BASE_DIR / "lms" / "training" / "templates",
            BASE_DIR / "credentials" / "certificates" / "templates",
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.site",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL selects PostgreSQL (psycopg 3) with persistent connections.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
# SQLite: a write-ahead log, so readers never wait for the writer, and transactions that take the
# write lock as they begin, so requests that read then write queue (up to 20 s) rather than one
# failing at once with "database is locked" when it tries to upgrade its read lock.
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out client is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, the signed-in account read from the cache (lms/accounts/backends.py)
    "lms.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home-redirect"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = 7
# A mentor's sign-up waits this long for its address to be proven; then it is forgotten
# (command expire_registrations) and the address may register afresh.
REGISTRATION_VALID_DAYS = 7
# Registration and "send the link again" (each mails someone): this many requests per client
# address and hour each, then a 429 that reads the same for every address.
SIGN_UP_REQUESTS_PER_HOUR = 10

# Failed sign-ins: five tries per email and client, then a 15-minute pause. The lockout answers
# alike whether or not the email has an account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Failures count per normalized address: Editor@, EDITOR@ and fullwidth spellings are one.
AXES_USERNAME_CALLABLE = "lms.accounts.addresses.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "lms.ops.client_ip.client_ip"  # the same address the rate limits use

# Second factor (django-otp): staff pass one before the admin and the coordinators' pages.
# Off here and in dev (`make run` stays a two-minute demo); on in production.
STAFF_MFA_REQUIRED = False
OTP_TOTP_ISSUER = PROGRAM_NAME
# Passkeys (django-otp-webauthn) as a second factor only: never instead of the password.
# A passkey is bound to the relying party's domain (not an IP address), and its ceremonies are
# accepted only from these origins; production derives both from ALLOWED_HOSTS.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = PROGRAM_NAME
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = os.environ.get("WEBAUTHN_ORIGINS", "http://localhost:8000").split(
    ","
)

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_IDLE_TIMEOUT = 30 * 60  # signed out after 30 minutes without a request
SESSION_IDLE_WARNING = 5 * 60  # and warned (with a way to stay signed in) 5 minutes before
SESSION_ABSOLUTE_TIMEOUT = 8 * 60 * 60  # and 8 hours after signing in, whatever happens

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that only their owner and staff may read (CE certificates, evidence, issued PDFs): never
# under MEDIA_URL, always served through a view that checks permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Behind nginx, private files go out through its `internal` location at this prefix (an alias
# of PRIVATE_MEDIA_ROOT) once Django has checked who asks; empty: Django sends them
# (lms/common/files.py).
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "").strip()

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache holds verification pages and rate-limit counters. With REDIS_URL (e.g.
# redis://127.0.0.1:6379/0) every app server shares Django's Redis cache; without it each process
# has its own local memory, which is all `make run` needs. With Redis down the site runs without
# the cache, slower but whole (lms/ops/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "lms.ops.cache.ForgivingRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Whether every process serving the site sees the same cache: Redis, or a single process (`make
# run`, the tests). Only then are sessions and signed-in accounts read from the cache: with one
# local cache per process, a sign-out or a deactivation seen by one process would not be seen by
# the others (lms/accounts/backends.py).
CACHE_SHARED = bool(REDIS_URL)
# Sessions are read from the cache and written through to the database (Django's cached_db;
# lms/ops/sessions.py): a slow or locked session table stalls only sign-in, never every signed-in
# page, and a routine session write the database refuses is kept in the cache alone. Without a
# shared cache, or with Redis down, sessions are read from the database.
SESSION_ENGINE = "lms.ops.sessions" if CACHE_SHARED else "django.contrib.sessions.backends.db"

# How many reverse proxies of ours append to X-Forwarded-For in front of the app (nginx: 1).
# With 0 the header is ignored: a client could write anything in it. See lms/ops/client_ip.py.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
except ValueError as error:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be a whole number: 0 without a proxy, 1 behind nginx."
    ) from error

# The scheduler (`manage.py crontask --no-heartbeat`) holds a lock in Redis when REDIS_URL is set,
# so a second scheduler waits instead of enqueueing the same jobs again. It renews the lock every
# 5 s for 60 s ahead: crontask's own 10 s let a scheduler on a busy machine lose its lock and
# quit. A scheduler that died without letting go frees the lock within 60 s, and one started
# meanwhile waits 90 s for it before giving up (its service manager then starts it again).
CRONTASK = {
    "REDIS_URL": REDIS_URL or None,
    "LOCK_REFRESH_INTERVAL": 5,
    "LOCK_TIMEOUT": 60,
    "LOCK_BLOCKING_TIMEOUT": 90,
}

# /healthz answers 503 when a due task has waited longer than this, or when the reminder sweep
# last finished longer ago than this (and, where the scheduler must run, when it never has).
HEALTHZ_MAX_QUEUE_AGE = timedelta(minutes=15)
HEALTHZ_MAX_SWEEP_AGE = timedelta(hours=26)
HEALTHZ_REQUIRE_SWEEP = False

TASKS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
}

# Each environment names its mail backend; production sends through SMTP.
MAILERS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "program@example.org")
# Reminders a sweep could not deliver (the mail server was down) are sent again this many
# minutes later, up to this many times; after that the next daily sweep takes them.
REMINDER_RETRY_MINUTES = 10
REMINDER_RETRY_ATTEMPTS = 12

WAGTAIL_SITE_NAME = PROGRAM_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False  # one reset flow: the site's own, at /accounts/
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "registration/login.html"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The site's own pages: no inline scripts, nothing from other hosts except embedded video.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Demo accounts are loaded only where this is true (dev); see lms/management/commands/load_demo.py.
DEMO_DATA_ENABLED = False
# Who may be paired as a mentor: anyone any provider returns (lms never imports credentials):
# a training certificate that is not revoked, or a confirmed CRS credential in force. A completed
# track alone is not enough here: its certificate may have been revoked.
MENTOR_ELIGIBILITY_PROVIDERS = [
    "credentials.certificates.selectors.unrevoked_certificate_holder_ids",
    "credentials.selectors.active_crs_holder_ids",
]

# The mentor application shows whether the applicant holds a CRS credential in force: the
# credentials app answers (lms never imports it). docs/decisions/0071.
MENTOR_CRS_PROVIDER = "credentials.selectors.active_crs_holder_ids"

# A concern still open this many hours after it was raised is sent to every coordinator again.
CONCERN_ESCALATION_HOURS = 24

DEMO_LOADERS = [
    "lms.accounts.demo.load",
    "lms.training.demo.load",
    "credentials.demo.load",
    "credentials.demo.load_applicants",
    "credentials.certificates.demo.load",
    "lms.mentorship.demo.load",
    # Last: the tracks completed above were completed before the track had evaluation questions,
    # so their certificates never wait for one (docs/decisions/0151).
    "lms.training.demo.load_evaluations",
    # After the evaluation form exists: last quarter's cohort evaluates the approved track.
    "lms.training.demo.load_cohort",
    "lms.mentorship.demo.load_cohort_pairs",
]
DEMO_SUMMARIES = ["credentials.certificates.demo.summary"]

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests, not even hashed emails
