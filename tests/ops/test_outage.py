"""Faults: the database away or too slow answers a static 503 page (never a 500), the production
timeouts sit below gunicorn's, and with Redis down the site keeps working without the cache."""

import json
import logging
import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

import psycopg
import pytest

from lms.ops import outage
from lms.ops.cache import CacheUnavailable, ForgivingRedisCache
from lms.ops.ratelimit import rate_limit_hit

ROOT = Path(__file__).resolve().parents[2]
CLOSED_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused at once
UNKNOWN_TOKEN_URL = "/verify/" + "0" * 32 + "/"


@contextmanager
def database_down(cause: Exception | None = None):
    """Every query fails as it would with PostgreSQL away (or a statement cancelled)."""
    cause = cause or psycopg.OperationalError("connection to server at 127.0.0.1 failed")

    def fail(*args, **kwargs):
        raise OperationalError(str(cause)) from cause

    with (
        mock.patch.object(CursorWrapper, "_execute", fail),
        mock.patch.object(CursorWrapper, "_executemany", fail),
    ):
        yield


def _production_settings(**env) -> dict:
    """Values of lms.settings.production as a fresh process sees them (PostgreSQL URL given)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'connect': s.DATABASE_CONNECT_TIMEOUT_SECONDS, 'lock': s.DATABASE_LOCK_TIMEOUT_MS, "
        "'statement': s.DATABASE_STATEMENT_TIMEOUT_MS, 'session': s.SESSION_ENGINE, "
        "'cache': s.CACHES['default']['BACKEND']}))"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environ.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="mentors.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _gunicorn_timeout() -> int:
    stack = (ROOT / "deploy" / "stack.sh").read_text()
    return int(re.search(r"gunicorn lms\.wsgi[^\n]*--timeout (\d+)", stack)[1])


def test_production_postgres_gives_up_before_gunicorn_does():
    found = _production_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/lms")
    worker = _gunicorn_timeout()
    assert found["options"]["connect_timeout"] == found["connect"] == 3
    assert f"-c lock_timeout={found['lock']}" in found["options"]["options"]
    assert f"-c statement_timeout={found['statement']}" in found["options"]["options"]
    # A request that waits on a lock, then runs its slowest statement, still ends before the
    # worker is killed, connection included.
    assert found["connect"] + (found["lock"] + found["statement"]) / 1000 < worker
    assert found["session"] == "lms.ops.sessions"
    assert found["cache"] == "lms.ops.cache.ForgivingRedisCache"


def test_the_timeouts_are_for_postgresql_only():
    found = _production_settings(DATABASE_URL="sqlite:////tmp/outage-test.sqlite3")
    assert "connect_timeout" not in found["options"]
    assert "options" not in found["options"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_applies_the_timeouts_it_is_given():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = 5000")
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "5s"


@pytest.mark.django_db
def test_a_view_meeting_a_lock_timeout_answers_503_logged_as_such(client, caplog):
    cause = psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
    caplog.set_level(logging.INFO)
    with database_down(cause):
        response = client.get(UNKNOWN_TOKEN_URL)  # the view queries, and fails
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "back in a moment" in html
    assert "Traceback" not in html and "OperationalError" not in html
    messages = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert any(
        name == "lms.ops.outage" and "LockNotAvailable" in text and "answered 503" in text
        for name, _, text in messages
    ), messages
    assert any(name == "django.request" and "Service Unavailable" in t for name, _, t in messages)
    assert not any("Internal Server Error" in text for _, _, text in messages)


@pytest.mark.django_db
def test_a_statement_timeout_answers_503_too(client):
    cause = psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    with database_down(cause):
        assert client.get(UNKNOWN_TOKEN_URL).status_code == 503


@pytest.mark.django_db
def test_a_signed_in_page_with_the_session_unreadable_answers_503_not_500(make_user, caplog):
    # The session is loaded by middleware, outside the view: the 500 handler answers 503.
    client = Client(raise_request_exception=False)
    client.force_login(make_user("Mentor"))
    with database_down():
        response = client.get("/training/dashboard/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert "back in a moment" in response.content.decode()
    assert not any("Internal Server Error" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_the_503_page_reads_nothing_from_the_database():
    outage._page.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        page = outage._page().decode()
    assert len(queries) == 0
    assert "<h1>We&#x27;ll be back in a moment</h1>" in page or "We'll be back" in page
    assert 'lang="en"' in page and "viewport" in page


def test_other_errors_stay_500():
    request = mock.Mock(method="GET", path="/x")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = outage.server_error(request)
    assert response.status_code == 500


@contextmanager
def session_table_locked():
    """Writes to django_session fail as they do after lock_timeout; everything else works."""
    original = CursorWrapper._execute
    cause = psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")

    def execute(self, sql, *args, **kwargs):
        if sql.lstrip().upper().startswith(("UPDATE", "INSERT")) and "django_session" in sql:
            raise OperationalError(str(cause)) from cause
        return original(self, sql, *args, **kwargs)

    with mock.patch.object(CursorWrapper, "_execute", execute):
        yield


@pytest.mark.django_db
@override_settings(SESSION_ENGINE="lms.ops.sessions")
def test_a_locked_session_table_does_not_turn_a_signed_in_page_into_an_error(make_user, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("Mentor"))
    session = client.session
    session["_seen_at"] = session.get("_seen_at", int(time.time())) - 120  # due for a write
    session.save()
    with session_table_locked():
        response = client.get("/training/dashboard/")
    assert response.status_code == 200
    assert any(r.name == "lms.ops.sessions" for r in caplog.records)
    # The write is kept in the cache, where the next request reads it.
    from lms.ops.sessions import SessionStore

    assert SessionStore(session.session_key).get("_seen_at") > session["_seen_at"]


# ----------------------------------------------------------------------------- Redis down


def _closed_redis():
    return override_settings(
        CACHES={
            "default": {"BACKEND": "lms.ops.cache.ForgivingRedisCache", "LOCATION": CLOSED_REDIS}
        },
        SESSION_ENGINE="lms.ops.sessions",
    )


def test_the_cache_answers_as_empty_while_redis_is_down():
    cache = ForgivingRedisCache(CLOSED_REDIS, {})
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False
    with pytest.raises(CacheUnavailable):
        cache.incr("k")
    with pytest.raises(ValueError):  # as a missing key: callers that handle that still work
        cache.incr("k")


def test_rate_limits_let_requests_through_while_redis_is_down(caplog, monkeypatch):
    monkeypatch.setattr("lms.ops.cache._last_logged", 0.0)
    with _closed_redis():
        assert all(
            rate_limit_hit(key="outage", limit=2, window_seconds=60) == (True, 0) for _ in range(5)
        )
    assert any(r.name == "lms.ops.cache" for r in caplog.records)


@pytest.mark.django_db
def test_with_redis_down_people_sign_in_and_pages_answer_200(make_user):
    user = make_user("Mentor", email="redis-down@example.org")
    user.set_password("a-long-password-1")
    user.save()
    with _closed_redis():
        client = Client()
        signed_in = client.post(
            "/accounts/login/",
            {"username": "redis-down@example.org", "password": "a-long-password-1"},
        )
        assert signed_in.status_code == 302, signed_in.content.decode()[:500]
        assert client.get("/training/dashboard/").status_code == 200
        assert client.get("/certificates/").status_code == 200
        assert Client().get("/verify/").status_code == 200
        assert Client().get(UNKNOWN_TOKEN_URL).status_code == 404
        assert Client().get("/healthz").status_code in (200, 503)  # it reports the cache
