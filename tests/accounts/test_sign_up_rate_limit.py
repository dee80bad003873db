"""A per-client limit on registration and on "send the link again" (mail bombing, address
probing at scale). The limited answer is a 429 that reads the same for every address."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

import pytest

from lms.accounts import views

pytestmark = pytest.mark.django_db

LIMIT = 3


def _post(client, url_name, email, **extra):
    data = {"first_name": "Jo", "last_name": "Doe", "email": email}
    return client.post(reverse(url_name), data, **extra)


@override_settings(SIGN_UP_REQUESTS_PER_HOUR=LIMIT)
@pytest.mark.parametrize("url_name", ["register", "register_resend"])
def test_a_client_past_the_limit_gets_a_429_that_says_nothing_about_the_address(
    client, mentor, url_name
):
    for n in range(LIMIT):
        assert _post(client, url_name, f"new{n}@example.org").status_code == 302
    sent = len(mail.outbox)

    known = _post(client, url_name, mentor.email)
    unknown = _post(client, url_name, "nobody@example.org")

    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content  # nothing about the address, or whether it exists
    assert views.SIGN_UP_LIMITED.split(".")[0] in known.content.decode()
    assert mentor.email not in known.content.decode()
    assert 0 < int(known["Retry-After"]) <= 3600
    assert len(mail.outbox) == sent  # a limited request enqueues nothing


@override_settings(SIGN_UP_REQUESTS_PER_HOUR=LIMIT)
def test_the_limit_is_per_client_and_a_forged_forwarded_header_does_not_reset_it(client):
    for n in range(LIMIT):
        _post(client, "register", f"new{n}@example.org")

    forged = _post(client, "register", "x@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other_client = _post(client, "register", "y@example.org", REMOTE_ADDR="198.51.100.7")

    assert forged.status_code == 429  # no trusted proxy: the header is the client's own words
    assert other_client.status_code == 302


@override_settings(SIGN_UP_REQUESTS_PER_HOUR=LIMIT, TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_client_address_has_its_own_count(client):
    for n in range(LIMIT):
        _post(client, "register", f"new{n}@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9")

    same = _post(client, "register", "x@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = _post(client, "register", "y@example.org", HTTP_X_FORWARDED_FOR="203.0.113.10")

    assert same.status_code == 429
    assert other.status_code == 302


@override_settings(SIGN_UP_REQUESTS_PER_HOUR=LIMIT)
def test_opening_the_forms_is_not_counted_and_each_form_has_its_own_count(client):
    for _ in range(LIMIT + 2):
        assert client.get(reverse("register")).status_code == 200
    for n in range(LIMIT):
        _post(client, "register", f"new{n}@example.org")

    assert _post(client, "register_resend", "new0@example.org").status_code == 302
    assert _post(client, "register", "late@example.org").status_code == 429


@override_settings(SIGN_UP_REQUESTS_PER_HOUR=LIMIT)
def test_the_limited_page_is_labelled_and_links_on(client):
    for n in range(LIMIT + 1):
        response = _post(client, "register", f"new{n}@example.org")

    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>" in html and 'role="alert"' in html
    assert reverse("login") in html
