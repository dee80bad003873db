"""Decision 0042: a deactivated holder's certificates record training completed, so they stay
valid unless a coordinator revokes them."""

import pytest

from credentials.certificates import services

pytestmark = pytest.mark.django_db


def test_a_deactivated_holders_certificate_still_verifies_valid(client, completed, mentor):
    mentor.is_active = False
    mentor.save()

    html = client.get(completed.get_absolute_url()).content.decode()

    assert "Valid." in html and completed.holder_name in html


def test_it_stops_verifying_only_when_revoked(client, completed, mentor, coordinator):
    mentor.is_active = False
    mentor.save()
    services.certificate_revoke(
        certificate=completed,
        by=coordinator,
        reason="Asked us to withdraw it",
        category="holder_request",
    )
    assert "Revoked." in client.get(completed.get_absolute_url()).content.decode()
