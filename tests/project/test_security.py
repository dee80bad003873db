import json
import re
import time

import pytest

from lms.middleware import SESSION_SEEN, SESSION_STARTED

pytestmark = pytest.mark.django_db


def test_site_pages_carry_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_pages_get_their_own_policy(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    # Only previews may be framed (tests/content/test_page_editor.py).
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_site_templates_have_no_inline_scripts_or_handlers(client, mentor):
    client.force_login(mentor)
    for url in ("/", "/training/dashboard/", "/accounts/login/", "/search/?q=mentor"):
        html = client.get(url).content.decode()
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


def _age_session(client, *, started_ago=0, seen_ago=0):
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_SEEN] = now - seen_ago
    session.save()


def test_idle_sessions_are_signed_out(client, mentor, settings):
    client.force_login(mentor)
    _age_session(client, seen_ago=settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get("/training/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_sessions_end_after_the_absolute_limit_even_when_active(client, mentor, settings):
    client.force_login(mentor)
    _age_session(client, started_ago=settings.SESSION_ABSOLUTE_TIMEOUT + 5, seen_ago=10)
    response = client.get("/training/dashboard/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_active_sessions_continue(client, mentor, settings):
    client.force_login(mentor)
    _age_session(client, started_ago=3600, seen_ago=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get("/training/dashboard/").status_code == 200


PROFILE_URL = "/program/mentor/profile/"


def test_a_form_posted_after_the_idle_sign_out_comes_back_filled_in_after_sign_in(
    client, mentor, settings
):
    client.force_login(mentor)
    _age_session(client, seen_ago=settings.SESSION_IDLE_TIMEOUT + 5)
    posted = {
        "csrfmiddlewaretoken": "t",
        "about": "Ten years in recovery <script>",
        "password": "never-kept",
        "languages": ["English", "Spanish"],
    }
    response = client.post(PROFILE_URL, posted)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    client.force_login(mentor)
    html = client.get(PROFILE_URL).content.decode()
    data = json.loads(re.search(r'id="resume-form"[^>]*>(.*?)</script>', html, re.S)[1])
    assert data == {
        "about": ["Ten years in recovery <script>"],
        "languages": ["English", "Spanish"],
    }
    assert '<script>"' not in html  # escaped by json_script
    # Once only, and only on that page.
    assert 'id="resume-form"' not in client.get(PROFILE_URL).content.decode()


def test_what_was_typed_is_never_shown_to_someone_else(client, mentor, make_user, settings):
    from lms.accounts.roles import Role

    client.force_login(mentor)
    _age_session(client, seen_ago=settings.SESSION_IDLE_TIMEOUT + 5)
    client.post(PROFILE_URL, {"about": "private words"})
    client.force_login(make_user(Role.MENTOR, email="next-user@example.org"))
    assert "private words" not in client.get(PROFILE_URL).content.decode()


def test_a_get_on_a_post_only_address_gets_a_page_that_says_what_to_do(client):
    response = client.get("/accounts/logout/")
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS" or "POST" in response["Allow"]
    html = response.content.decode()
    assert "<h1>" in html and "button on the page" in html
