"""Bulk actions on credential records (issue 19): tick rows in the list, then Confirm them with
one reason (each kept in its record's history) or export just those rows."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

import pytest

from credentials.choices import Verification
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db

BULK = "/admin/bulk/credentials/credentialrecord/{action}/"


def bulk_url(action, records, next_url="/admin/credentials/records/"):
    ids = "&".join(f"id={record.pk}" for record in records)
    return f"{BULK.format(action=action)}?next={next_url}&{ids}"


@pytest.fixture
def records():
    return [
        CredentialRecordFactory(verification=Verification.SELF_REPORTED),
        CredentialRecordFactory(verification=Verification.SELF_REPORTED),
        CredentialRecordFactory(verification=Verification.CONFIRMED, confirmed_at=timezone.now()),
    ]


def test_the_list_offers_row_checkboxes_and_the_bulk_actions(client, coordinator, records):
    client.force_login(coordinator)
    html = client.get(reverse("credential_records:index")).content.decode()
    assert html.count("data-bulk-action-checkbox") == len(records)
    assert BULK.format(action="confirm") in html
    assert BULK.format(action="export") in html
    assert f'aria-describedby="credentialrecord_{records[0].pk}_title"' in html
    assert f'id="credentialrecord_{records[0].pk}_title"' in html


def test_bulk_confirm_confirms_the_self_reported_with_one_reason_each_in_history(
    client, coordinator, records
):
    client.force_login(coordinator)
    url = bulk_url("confirm", records)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert records[0].holder.email in text and "already confirmed or revoked" in text
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert confirmed_count(records) == 1
    response = client.post(url, {"reason": "Checked the PCB register"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/credentials/records/"
    message = "2 records confirmed. 1 left as it was: already confirmed or revoked."
    assert message in response.content.decode()
    for record in records[:2]:
        record.refresh_from_db()
        assert record.verification == Verification.CONFIRMED
        assert record.confirmed_by == coordinator
        assert record.history.first().history_change_reason == "Checked the PCB register"


def confirmed_count(records) -> int:
    from credentials.models import CredentialRecord

    return CredentialRecord.objects.filter(
        pk__in=[r.pk for r in records], verification=Verification.CONFIRMED
    ).count()


def test_export_selected_gives_just_those_rows(client, coordinator, records):
    client.force_login(coordinator)
    response = client.get(bulk_url("export", records[:2]), follow=True)
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="credentials-selected-{today}.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert sorted(row["Number"] for row in rows) == sorted(r.number for r in records[:2])


def test_an_editor_cannot_confirm_in_bulk(client, editor, records):
    client.force_login(editor)
    client.post(bulk_url("confirm", records), {"reason": "Not mine to do"})
    assert confirmed_count(records) == 1


@pytest.mark.parametrize("ids", ["id=abc", "id=99999999999999999999", "id=-1", "id=%00", ""])
def test_odd_ids_in_a_bulk_action_are_not_a_server_error(client, coordinator, records, ids):
    client.force_login(coordinator)
    for action in ("confirm", "export"):
        response = client.get(f"{BULK.format(action=action)}?{ids}")
        assert response.status_code < 500, (action, ids)
    response = client.post(f"{BULK.format(action='confirm')}?{ids}", {"reason": "x"})
    assert response.status_code < 500
    assert confirmed_count(records) == 1


def test_send_a_reminder_now_mails_each_holder_and_notes_it_in_history(
    client, coordinator, records
):
    from django.core import mail

    from credentials import reminders
    from credentials.choices import Standing
    from credentials.models import ReminderSend

    revoked = CredentialRecordFactory(standing=Standing.REVOKED)
    client.force_login(coordinator)
    url = bulk_url("remind", [*records[:2], revoked])
    page = client.get(url)
    assert page.status_code == 200 and "revoked, not sent" in page.content.decode()
    response = client.post(url, {}, follow=True)
    text = response.content.decode()
    assert "2 reminders sent now" in text and "1 not sent" in text
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.holder.email for r in records[:2])
    assert all(m.attachments for m in mail.outbox)  # the expiry as a calendar event
    for record in records[:2]:
        latest = record.history.first()
        assert latest.history_change_reason == reminders.REMINDER_SENT_NOTE
        assert latest.history_user == coordinator
    assert not ReminderSend.objects.exists()  # the schedule's own sends are untouched


def test_the_reminder_sent_now_fits_the_record_today():
    from datetime import date

    from credentials import reminders
    from credentials.choices import ReminderKind
    from credentials.models import CredentialType

    type_rules = CredentialType.objects.get(code="crs").rules()
    today = date(2026, 11, 30)

    def kind(days):
        return reminders.reminder_kind_on(
            expiry_date=date.fromordinal(today.toordinal() + days),
            type_rules=type_rules,
            today=today,
        )

    assert kind(-1) == ReminderKind.EXPIRED
    assert kind(5) in (ReminderKind.WINDOW_OPEN, ReminderKind.DAYS_7)
    assert kind(400) == ReminderKind.DAYS_90
