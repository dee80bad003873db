"""The supervision log: mentors record sessions, the named supervisor confirms or declines with
history, employers get CSV and PDF without private notes, and supervision never reaches CE."""

import csv
import io
import re
from datetime import timedelta

from django.urls import reverse

import pytest

from credentials import selectors
from credentials import supervision as service
from credentials.choices import SupervisionState
from credentials.models import CEEntry, SupervisionSession
from lms.accounts.roles import Role
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory
from tests.tools import pdf_text

pytestmark = pytest.mark.django_db


def today():
    return selectors.today_in_program()


def log_data(person, **overrides):
    data = {
        "supervisor": person.pk,
        "date": (today() - timedelta(days=3)).isoformat(),
        "minutes": "60",
        "topics": "Boundaries with a new mentee",
        "note": "Felt unsure about texting at night.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def logged(client, mentor, coordinator):
    client.force_login(mentor)
    response = client.post(reverse("credentials:supervision"), log_data(coordinator))
    assert response.status_code == 302
    return SupervisionSession.objects.get(holder=mentor)


def test_a_mentor_logs_a_session_that_waits_for_the_supervisor(client, logged, coordinator):
    assert logged.state == SupervisionState.PENDING
    assert logged.supervisor == coordinator
    page = client.get(reverse("credentials:supervision")).content.decode()
    assert "Boundaries with a new mentee" in page
    assert "never counts toward PCB continuing education" in page


def test_supervision_never_reaches_ce_totals_or_the_audit_packet(client, mentor, coordinator):
    record = CredentialRecordFactory(holder=mentor, expiry_date=today() + timedelta(days=300))
    CEEntryFactory(holder=mentor, date=today() - timedelta(days=30), hours=3)
    before = selectors.credential_overview(record=record).progress
    client.force_login(mentor)
    for days in (3, 10, 20):
        client.post(
            reverse("credentials:supervision"),
            log_data(coordinator, date=(today() - timedelta(days=days)).isoformat(), minutes="240"),
        )
    for session in SupervisionSession.objects.filter(holder=mentor):
        service.supervision_decide(session=session, by=coordinator, confirm=True)
    after = selectors.credential_overview(record=record).progress
    assert after.total == before.total == 3
    assert after.counted == before.counted and after.missing == before.missing
    assert CEEntry.objects.filter(holder=mentor).count() == 1
    assert len(selectors.audit_entries(record=record)) == 1


def test_the_supervisor_confirms_once_and_history_keeps_who_and_why(client, logged, coordinator):
    client.force_login(coordinator)
    review = client.get(reverse("credentials:supervision_review")).content.decode()
    assert "Boundaries with a new mentee" in review
    assert "Felt unsure" not in review  # the private note stays the mentor's
    response = client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 302
    logged.refresh_from_db()
    assert logged.state == SupervisionState.CONFIRMED
    latest = logged.history.first()
    assert (latest.history_user, latest.history_change_reason) == (coordinator, "Confirmed.")
    # A second decision (replay) changes nothing.
    client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]),
        {"decision": "decline", "reason": "Changed my mind"},
    )
    logged.refresh_from_db()
    assert logged.state == SupervisionState.CONFIRMED
    assert logged.history.count() == 2


def test_declining_needs_a_reason_the_mentor_sees(client, logged, coordinator, mentor):
    client.force_login(coordinator)
    client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]), {"decision": "decline"}
    )
    logged.refresh_from_db()
    assert logged.state == SupervisionState.PENDING
    client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]),
        {"decision": "decline", "reason": "We did not meet that day."},
    )
    logged.refresh_from_db()
    assert logged.state == SupervisionState.DECLINED
    client.force_login(mentor)
    assert (
        "We did not meet that day."
        in client.get(reverse("credentials:supervision")).content.decode()
    )


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", service.DECLINE_REASON_NEEDED),
        ("We did not meet that day. " * 20, "at most 500 characters"),
    ],
)
def test_a_refused_decline_comes_back_with_the_reason_kept_and_the_error_on_the_field(
    client, logged, coordinator, reason, message
):
    """Found by the browser (tests/e2e/test_forms_bad_input.py): a reason over 500 characters
    answered a bare 400 page that asked to "choose confirm or decline", and no reason only a
    message at the top of the page; what the supervisor typed was lost either way."""
    client.force_login(coordinator)

    response = client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]),
        {"decision": "decline", "reason": reason},
    )

    assert response.status_code == 400
    page = response.content.decode()
    shown = re.search(rf'role="alert" id="reason-{logged.pk}-error"><li>(.*?)<', page)
    assert shown is not None and message in shown.group(1)
    assert f'aria-describedby="reason-{logged.pk}-error"' in page
    assert f'value="{reason}"' in page
    logged.refresh_from_db()
    assert logged.state == SupervisionState.PENDING


def test_only_the_named_supervisor_decides(client, logged, make_user):
    other = make_user(Role.COORDINATOR)
    client.force_login(other)
    response = client.post(
        reverse("credentials:supervision_decide", args=[logged.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 404
    logged.refresh_from_db()
    assert logged.state == SupervisionState.PENDING


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"minutes": "0"}, "minutes"),
        ({"minutes": "481"}, "minutes"),
        ({"minutes": "-5"}, "minutes"),
        ({"minutes": "sixty"}, "minutes"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": "31/12/2026"}, "date"),
        ({"topics": ""}, "topics"),
        ({"topics": "x" * 501}, "topics"),
        ({"note": "x" * 5001}, "note"),
        ({"supervisor": "999999"}, "supervisor"),
        ({"supervisor": "' OR 1=1"}, "supervisor"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_keeps_what_was_typed(
    client, mentor, coordinator, overrides, field
):
    client.force_login(mentor)
    response = client.post(reverse("credentials:supervision"), log_data(coordinator, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Boundaries with a new mentee" in response.content.decode() or field == "topics"
    assert not SupervisionSession.objects.exists()


def test_a_mentor_cannot_name_a_non_coordinator_or_themselves(client, mentor, make_user):
    client.force_login(mentor)
    for person in (make_user(Role.MENTOR), mentor, make_user(Role.EDITOR)):
        response = client.post(reverse("credentials:supervision"), log_data(person))
        assert response.status_code == 400
    assert not SupervisionSession.objects.exists()


def test_exports_for_an_employer_leave_out_the_private_note(client, logged, tmp_path):
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("credentials:supervision_csv")).content.decode()))
    )
    assert rows[0] == ["Date", "Supervisor", "Minutes", "Topics", "State"]
    assert rows[1][2:4] == ["60", "Boundaries with a new mentee"]
    assert "Felt unsure" not in str(rows)
    pdf = client.get(reverse("credentials:supervision_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    path = tmp_path / "log.pdf"
    path.write_bytes(pdf.content)
    text = pdf_text(path)
    words = " ".join(text.split())
    assert "Boundaries with a new mentee" in words and "Felt unsure" not in words
    assert "not continuing education for PCB" in words


@pytest.mark.parametrize("role", [Role.MENTEE, Role.RECRUITER, Role.EDITOR, Role.COORDINATOR])
def test_the_log_is_for_mentors(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("credentials:supervision")).status_code == 403
    assert client.get(reverse("credentials:supervision_csv")).status_code == 403
