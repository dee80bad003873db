"""The Clinician role: told of concerns with the coordinators; sees only the check-in behind a
concern and the pair's agreement, each view in the access log; records what was done. A concern
still open after the configured time is sent to every coordinator again, once."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship import services
from lms.mentorship.choices import AccessAction
from lms.mentorship.models import AccessLogEntry, ConcernNotification
from lms.mentorship.notices import FORBIDDEN_WORDS
from tests.mentorship.factories import CheckInFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(make_user):
    return make_user(Role.CLINICIAN)


@pytest.fixture
def concern(pair, clinician, coordinator):
    checkin = CheckInFactory(pairing=pair, concern=True, notes="Worried about the weekend")
    return services.concern_notify(checkin=checkin)


def test_a_clinician_cannot_open_anything_else_of_the_mentee(client, clinician, concern, pair):
    client.force_login(clinician)
    other_checkin = pair.checkins.exclude(pk=concern.checkin_id).get()
    refused = [
        reverse("mentorship:mentee_detail", args=[pair.mentee_id]),
        reverse("mentorship:mentee_profile_edit", args=[pair.mentee_id]),
        reverse("mentorship:mentee_data", args=[pair.mentee_id]),
        reverse("mentorship:mentee_list"),
        reverse("mentorship:pair_detail", args=[pair.pk]),
        reverse("mentorship:checkins", args=[pair.pk]),
        reverse("mentorship:agreement", args=[pair.pk]),
        reverse("mentorship:coordinator_dashboard"),
        reverse("mentorship:concern_resolve", args=[concern.pk]),
        reverse("mentorship:access_log"),
        reverse("mentorship:mentor_detail", args=[pair.mentor_id]),
        reverse("mentorship:application_board"),
        reverse("mentorship:feedback", args=[other_checkin.pk]),
        # training and credential records
        reverse("credentials:supervision_review"),
        "/admin/training-reports/learners/",
        "/admin/credentials/records/",
    ]
    for url in refused:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/login/" in response["Location"], url
        assert b"Private note about the week" not in getattr(response, "content", b"")


def test_a_clinician_sees_the_check_in_and_agreement_and_it_is_logged(
    client, clinician, concern, pair
):
    client.force_login(clinician)
    response = client.get(reverse("mentorship:clinician_concern", args=[concern.pk]))
    assert response.status_code == 200
    assert b"Worried about the weekend" in response.content
    assert b"Meet every week." in response.content  # the agreement's goals
    assert b"Private note about the week" not in response.content  # the other check-in
    assert pair.mentee.email.encode() not in response.content
    entries = AccessLogEntry.objects.filter(viewer=clinician, mentee_id=pair.mentee_id)
    assert set(entries.values_list("action", flat=True)) == {
        AccessAction.VIEW_CONCERN,
        AccessAction.VIEW_AGREEMENT,
    }


def test_the_clinician_list_names_nobody(client, clinician, concern, pair):
    client.force_login(clinician)
    response = client.get(reverse("mentorship:clinician_home"))
    assert response.status_code == 200
    for person in (pair.mentor, pair.mentee):
        assert person.email.encode() not in response.content
        assert person.last_name.encode() not in response.content


def test_a_clinician_records_what_was_done_and_handles_it(client, clinician, concern):
    client.force_login(clinician)
    url = reverse("mentorship:clinician_concern", args=[concern.pk])
    assert client.post(url, {"note": ""}).status_code == 400
    response = client.post(url, {"note": "Called the mentee; plan agreed.", "resolves": "on"})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.resolved_by == clinician
    assert concern.actions.get().note == "Called the mentee; plan agreed."
    assert AccessLogEntry.objects.filter(action=AccessAction.RECORD_ACTION).count() == 1
    again = client.post(url, {"note": "More", "resolves": "on"})
    assert again.status_code == 400


def test_an_unknown_concern_is_a_404_for_the_clinician(client, clinician):
    client.force_login(clinician)
    assert client.get("/program/clinician/concerns/99999999/").status_code == 404


def test_clinicians_are_told_of_a_concern_with_coordinators(
    client, pair, clinician, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_notify(checkin=CheckInFactory(pairing=pair, concern=True))
    notification = ConcernNotification.objects.get()
    assert set(notification.recipients) == {clinician.pk, coordinator.pk}
    assert {m.to[0] for m in mail.outbox} == {clinician.email, coordinator.email}


def test_an_open_concern_goes_to_every_coordinator_again_once_after_24_hours(
    pair, clinician, coordinator, make_user, django_capture_on_commit_callbacks
):
    second = make_user(Role.COORDINATOR)
    created = timezone.now() - timedelta(hours=30)
    notification = services.concern_notify(
        checkin=CheckInFactory(pairing=pair, concern=True), now=created
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.concerns_escalate_due(now=created + timedelta(hours=23)) == 0
        assert services.concerns_escalate_due() == 1
        assert services.concerns_escalate_due() == 0  # once, ever
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, second.email])
    for message in mail.outbox:
        text = f"{message.subject} {message.body}".lower()
        assert not any(word in text for word in FORBIDDEN_WORDS)
    notification.refresh_from_db()
    assert notification.escalated_at is not None


def test_a_handled_concern_is_not_sent_again(pair, coordinator):
    created = timezone.now() - timedelta(hours=30)
    notification = services.concern_notify(
        checkin=CheckInFactory(pairing=pair, concern=True), now=created
    )
    services.concern_resolve(notification=notification, by=coordinator, note="Done")
    assert services.concerns_escalate_due() == 0


def test_the_escalation_time_is_a_setting(pair, coordinator, settings):
    settings.CONCERN_ESCALATION_HOURS = 2
    services.concern_notify(
        checkin=CheckInFactory(pairing=pair, concern=True),
        now=timezone.now() - timedelta(hours=3),
    )
    assert services.concerns_escalate_due() == 1


def test_the_program_home_sends_a_clinician_to_the_concerns(client, clinician):
    client.force_login(clinician)
    assert client.get("/program/")["Location"] == reverse("mentorship:clinician_home")
    assert client.get("/accounts/home/")["Location"] == reverse("mentorship:clinician_home")
