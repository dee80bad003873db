"""The client's address behind trusted proxies: X-Forwarded-For counted from the right, and
never believed without a proxy of ours in front."""

from django.test import RequestFactory, override_settings
from django.urls import reverse

import pytest

from lms.ops.client_ip import client_ip

pytestmark = pytest.mark.django_db


def _request(remote="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_a_client_sent_header_is_ignored():
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the client's address
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # two proxies of ours
        (1, None, "127.0.0.1"),  # no header: only the direct peer is known
        (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: not believed
        (1, "6.6.6.6, not-an-address", "127.0.0.1"),
        (1, "6.6.6.6, 2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_address_they_appended_counts(count, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(_request("127.0.0.1", forwarded)) == expected


def _failed_sign_ins(client, forwarded_for: list[str]) -> list[int]:
    return [
        client.post(
            reverse("login"),
            {"username": "nobody@example.org", "password": "wrong-pass-1"},
            HTTP_X_FORWARDED_FOR=address,
        ).status_code
        for address in forwarded_for
    ]


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_the_sign_in_lockout_cannot_be_dodged_with_a_forged_header(client):
    statuses = _failed_sign_ins(client, [f"203.0.113.{n}" for n in range(6)])

    assert statuses == [200, 200, 200, 200, 429, 429]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_nginx_the_lockout_is_per_client_not_per_proxy(client):
    # Ten different visitors, each failing once, all arriving from nginx at 127.0.0.1.
    statuses = _failed_sign_ins(client, [f"203.0.113.{n}" for n in range(10)])

    assert statuses == [200] * 10
    assert _failed_sign_ins(client, ["203.0.113.1"] * 5) == [200, 200, 200, 429, 429]
