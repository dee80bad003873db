"""Anonymous verification pages come from the shared cache before sessions and sign-in
(credentials/certificates/middleware.py). The attacks first: the cached page must be exactly the
page, never anyone's signed-in page, never a 404 or a form, and never outlive a revocation."""

import secrets
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from credentials.certificates import caching, services

pytestmark = pytest.mark.django_db

KEPT_HEADERS = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cache-Control",
    "X-Robots-Tag",
    "X-Content-Type-Options",
)


def test_a_cached_answer_is_the_same_page_with_the_same_headers_and_no_query(client, completed):
    url = completed.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and "Valid." in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) == 0
    assert again.content == first.content
    for header in KEPT_HEADERS:
        assert again.get(header) == first.get(header), header
    assert "frame-ancestors 'none'" in again["Content-Security-Policy"]
    assert not again.cookies


def test_a_signed_in_visitor_never_gets_the_cached_page_nor_leaves_theirs(client, completed):
    url = completed.get_absolute_url()
    anonymous = client.get(url).content
    client.force_login(completed.holder)
    signed_in = client.get(url)
    assert signed_in.status_code == 200
    assert signed_in.content != anonymous  # their own page (their menu), not the cached one
    client.logout()
    assert client.get(url).content == anonymous


def test_the_holders_signed_in_page_is_not_what_strangers_get(client, completed):
    """Asked first by the signed-in holder: nothing is stored for strangers from that."""
    client.force_login(completed.holder)
    client.get(completed.get_absolute_url())
    assert cache.get(caching.verification_cache_key(completed.token)) is None


@pytest.mark.parametrize(
    "token",
    ["x" * 64, "ＡＢＣ", "a\u200bb", "%2e%2e", "..", "a" * 65],
)
def test_unknown_odd_and_overlong_tokens_are_never_stored(client, token):
    response = client.get(f"/verify/{token}/")
    assert response.status_code == 404
    assert cache.get(caching.verification_cache_key(token)) is None


def test_made_up_tokens_leave_no_lasting_key_in_the_cache(client):
    """Anyone may ask for any address: a well-formed token nobody holds makes at most a
    short-lived generation, and a malformed one touches the cache not at all."""
    with mock.patch.object(cache, "add", wraps=cache.add) as add:
        for _ in range(20):
            assert client.get(f"/verify/{secrets.token_hex(16)}/").status_code == 404
    timeouts = [
        call.kwargs.get("timeout", call.args[2] if len(call.args) > 2 else None)
        for call in add.call_args_list
    ]
    assert len(timeouts) == 20
    assert all(timeout is not None and timeout <= 60 for timeout in timeouts), timeouts
    with (
        mock.patch.object(cache, "add", wraps=cache.add) as add,
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
    ):
        assert client.get("/verify/NOT-A-TOKEN/").status_code == 404
    assert add.call_count == get_many.call_count == 0


def test_a_token_in_another_case_is_another_token(client, completed):
    client.get(completed.get_absolute_url())
    other = completed.token.swapcase()
    if other != completed.token:
        assert client.get(f"/verify/{other}/").status_code == 404


def test_a_post_is_refused_and_never_answered_from_the_cache(client, completed):
    url = completed.get_absolute_url()
    client.get(url)
    response = client.post(url)
    assert response.status_code == 405


def test_head_gets_the_cached_answer(client, completed):
    url = completed.get_absolute_url()
    client.get(url)
    response = client.head(url)
    assert response.status_code == 200


def test_a_revocation_shows_at_once_over_a_cached_answer(
    client, completed, coordinator, django_capture_on_commit_callbacks
):
    url = completed.get_absolute_url()
    client.get(url)
    assert "Valid." in client.get(url).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate=completed, by=coordinator, reason="Issued in error", category="other"
        )
    assert "Revoked." in client.get(url).content.decode()


def test_hiding_the_certificate_shows_at_once_over_a_cached_answer(
    client, completed, django_capture_on_commit_callbacks
):
    url = completed.get_absolute_url()
    client.get(url)
    name = completed.holder_name
    assert name in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_set_public(certificate=completed, public=False)
    assert name not in client.get(url).content.decode()
