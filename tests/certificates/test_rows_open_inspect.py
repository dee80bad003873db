"""A row of the credential-record and certificate lists opens Inspect, which carries the record's
actions (issue 19): before, the holder's name opened Edit, which asked for a reason for a change
and had no Confirm button, and a certificate's row opened nothing."""

import re

from django.urls import reverse
from django.utils import timezone

import pytest

from credentials.choices import Verification
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db


def title_links(html: str) -> list[str]:
    """The link of each row's first cell."""
    rows = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)[0]
    return [
        re.search(r'<a href="([^"]+)"', row).group(1)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", rows, re.S)
    ]


def test_a_credential_record_row_opens_inspect_with_confirm_on_it(client, coordinator):
    record = CredentialRecordFactory(verification=Verification.SELF_REPORTED)
    client.force_login(coordinator)
    html = client.get(reverse("credential_records:index")).content.decode()
    inspect = reverse("credential_records:inspect", args=[record.pk])
    assert title_links(html) == [inspect]
    page = client.get(inspect).content.decode()
    confirm = reverse("credential_records:action", args=[record.pk, "confirm"])
    assert f'href="{confirm}"' in page
    # Confirm from Inspect: two clicks from the list (row, Confirm), then the reason form.
    response = client.post(confirm, {"reason": "Checked the PCB register"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.verification == Verification.CONFIRMED


def test_a_confirmed_record_has_no_confirm_on_inspect(client, coordinator):
    record = CredentialRecordFactory(
        verification=Verification.CONFIRMED, confirmed_at=timezone.now()
    )
    client.force_login(coordinator)
    page = client.get(reverse("credential_records:inspect", args=[record.pk])).content.decode()
    assert reverse("credential_records:action", args=[record.pk, "confirm"]) not in page


def test_a_certificate_row_opens_inspect_with_revoke_and_reissue(client, completed, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("certificates_admin:index")).content.decode()
    inspect = reverse("certificates_admin:inspect", args=[completed.pk])
    assert title_links(html) == [inspect]
    page = client.get(inspect)
    assert page.status_code == 200
    text = page.content.decode()
    for action in ("revoke", "reissue"):
        assert reverse("certificates_admin:action", args=[completed.pk, action]) in text
    assert reverse("certificates_admin:history", args=[completed.pk]) in text


def test_a_revoked_certificate_offers_no_actions_on_inspect(client, completed, coordinator):
    completed.revoked_at = timezone.now()
    completed.save(update_fields=["revoked_at"])
    client.force_login(coordinator)
    text = client.get(reverse("certificates_admin:inspect", args=[completed.pk])).content.decode()
    assert reverse("certificates_admin:action", args=[completed.pk, "revoke"]) not in text
    assert reverse("certificates_admin:action", args=[completed.pk, "reissue"]) not in text
