"""Check-ins, concerns, feedback, agreements and milestones, through the pages."""

import re
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship import services
from lms.mentorship.choices import Frequency, MeetingFormat, MilestoneKind
from lms.mentorship.models import (
    CheckIn,
    CheckinTopic,
    ConcernNotification,
    MeetingFeedback,
    Milestone,
)
from lms.mentorship.notices import FORBIDDEN_WORDS
from lms.mentorship.tasks import concern_notification_send
from tests.mentorship.factories import CheckInFactory, PairingFactory

pytestmark = pytest.mark.django_db


def _checkin_data(**overrides):
    data = {
        "met_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": "50",
        "format": MeetingFormat.PHONE,
        "topics": [CheckinTopic.objects.first().pk],
        "notes": "Hard week at work.",
    }
    return data | overrides


def test_a_mentor_cannot_open_another_pairs_check_ins(client, pair, other_pair):
    client.force_login(pair.mentor)

    listing = client.get(reverse("mentorship:checkins", args=[other_pair.pk]))
    logging = client.post(reverse("mentorship:checkin_new", args=[other_pair.pk]), _checkin_data())
    detail = client.get(reverse("mentorship:pair_detail", args=[other_pair.pk]))

    assert listing.status_code == logging.status_code == detail.status_code == 403
    assert b"Someone else's private note" not in listing.content
    assert other_pair.checkins.count() == 1
    own = client.get(reverse("mentorship:checkins", args=[pair.pk]))
    assert own.status_code == 200 and b"Private note about the week" in own.content


def test_a_concern_notifies_every_coordinator_exactly_once(
    client, pair, make_user, django_capture_on_commit_callbacks
):
    coordinators = [make_user(Role.COORDINATOR), make_user(Role.COORDINATOR)]
    client.force_login(pair.mentor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mentorship:checkin_new", args=[pair.pk]), _checkin_data(concern="on")
        )
    checkin = CheckIn.objects.get(concern=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.concern_notify(checkin=checkin)
        client.post(reverse("mentorship:checkin_new", args=[pair.pk]), _checkin_data())
    resent = concern_notification_send.enqueue(notification_id=ConcernNotification.objects.get().pk)

    assert response.status_code == 302
    assert again is None and resent.return_value == 0
    assert ConcernNotification.objects.count() == 1
    notification = ConcernNotification.objects.get()
    assert notification.sent_at is not None
    assert sorted(notification.recipients) == sorted(c.pk for c in coordinators)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in coordinators)
    for message in mail.outbox:
        text = f"{message.subject} {message.body}".lower()
        assert not [word for word in FORBIDDEN_WORDS if word in text]
        assert pair.mentee.first_name.lower() not in text
        assert "hard week" not in text
    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernNotification.objects.create(checkin=checkin)


def test_open_concern_shows_on_the_dashboard_until_handled(client, coordinator, pair):
    checkin = CheckInFactory(pairing=pair, concern=True)
    notification = services.concern_notify(checkin=checkin)
    client.force_login(coordinator)

    before = client.get(reverse("mentorship:coordinator_dashboard")).content.decode()
    client.post(
        reverse("mentorship:concern_resolve", args=[notification.pk]),
        {"note": "Clinical team informed."},
    )
    after = client.get(reverse("mentorship:coordinator_dashboard")).content.decode()

    assert "Concerns: clinical staff asked to step in (1)" in before
    assert "Concerns: clinical staff asked to step in (0)" in after


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"duration_minutes": "abc"}, "Enter a whole number."),
        ({"duration_minutes": "2"}, "Ensure this value is greater than or equal to 5."),
        ({"met_on": "31/02/2026"}, "Enter a valid date."),
        ({"met_on": "2999-01-01"}, services.MEETING_IN_FUTURE),
        ({"met_on": "2000-01-01"}, "The meeting cannot be before the pairing started"),
        ({"format": "carrier pigeon"}, "Select a valid choice."),
        ({"topics": ["999999"]}, "Select a valid choice."),
    ],
)
def test_bad_check_in_input_is_shown_next_to_the_field_and_kept(
    client, pair, overrides, field_error
):
    client.force_login(pair.mentor)

    response = client.post(
        reverse("mentorship:checkin_new", args=[pair.pk]), _checkin_data(**overrides)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert field_error in html
    assert "Hard week at work." in html
    assert pair.checkins.count() == 1


def test_feedback_is_given_once_and_only_coordinators_read_it(client, pair, coordinator):
    checkin = pair.checkins.get()
    client.force_login(pair.mentee)
    url = reverse("mentorship:feedback", args=[checkin.pk])

    bad = client.post(url, {"rating": "9", "comment": "keep me"})
    good = client.post(url, {"rating": "4", "comment": "Felt listened to"})
    twice = client.get(url)

    assert bad.status_code == 400 and "keep me" in bad.content.decode()
    assert good.status_code == 302
    assert MeetingFeedback.objects.get().rating == 4
    assert "already given feedback" in twice.content.decode()
    client.force_login(pair.mentor)
    assert (
        b"Felt listened to"
        not in client.get(reverse("mentorship:checkins", args=[pair.pk])).content
    )
    client.force_login(coordinator)
    assert b"Felt listened to" in client.get(reverse("mentorship:checkins", args=[pair.pk])).content


def test_a_mentee_cannot_give_feedback_on_someone_elses_meeting(client, pair, other_pair):
    client.force_login(pair.mentee)

    response = client.post(
        reverse("mentorship:feedback", args=[other_pair.checkins.get().pk]), {"rating": "5"}
    )

    assert response.status_code == 403
    assert not MeetingFeedback.objects.exists()


def test_a_changed_agreement_is_a_new_version_both_acknowledge_again(client, pair):
    agreement = pair.agreements.get()
    for person in (pair.mentor, pair.mentee):
        client.force_login(person)
        client.post(
            reverse("mentorship:agreement", args=[pair.pk]), {"version": "1", "confirm": "on"}
        )
    agreement.refresh_from_db()
    assert agreement.fully_acknowledged

    client.force_login(pair.mentor)
    response = client.post(
        reverse("mentorship:agreement_edit", args=[pair.pk]),
        {
            "frequency": Frequency.FORTNIGHTLY,
            "meeting_minutes": "45",
            "channel": MeetingFormat.PHONE,
            "channel_details": "",
            "goals": "Meet every two weeks.",
            "confidentiality": "What we say stays between us, with the exceptions above.",
        },
    )
    latest = pair.current_agreement()

    assert response.status_code == 302
    assert latest.version == 2 and not latest.mentor_acknowledged_at
    agreement.refresh_from_db()
    assert agreement.fully_acknowledged  # the earlier version keeps its acknowledgements
    with pytest.raises(ValidationError) as error:
        services.agreement_acknowledge(agreement=agreement, user=pair.mentee)
    assert error.value.messages == [services.NOT_LATEST_AGREEMENT]
    client.force_login(pair.mentee)
    home = client.get(reverse("mentorship:mentee_home")).content.decode()
    assert "Read and acknowledge the agreement" in home
    page = client.get(reverse("mentorship:agreement", args=[pair.pk])).content.decode()
    assert "Meet every two weeks." in page and "Version 2" in page


def test_acknowledging_needs_the_box_ticked(client, pair):
    client.force_login(pair.mentee)

    response = client.post(reverse("mentorship:agreement", args=[pair.pk]), {"version": "1"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert pair.agreements.get().mentee_acknowledged_at is None


def test_day_milestones_are_recorded_once_and_shown_on_both_dashboards(client, make_user):
    pairing = PairingFactory(
        mentor=make_user(Role.MENTOR),
        mentee=make_user(Role.MENTEE),
        paired_on=timezone.localdate() - timedelta(days=65),
    )

    first = services.milestones_record_due(pairings=[pairing])
    second = services.milestones_record_due(pairings=[pairing])
    services.milestone_goal_met(
        pairing=pairing,
        note="Found a part-time job",
        reached_on=timezone.localdate(),
        by=pairing.mentor,
    )

    assert (first, second) == (2, 0)
    assert set(Milestone.objects.values_list("kind", flat=True)) == {
        MilestoneKind.DAYS_30,
        MilestoneKind.DAYS_60,
        MilestoneKind.GOAL_MET,
    }
    for person, url in ((pairing.mentor, "mentor_home"), (pairing.mentee, "mentee_home")):
        client.force_login(person)
        html = client.get(reverse(f"mentorship:{url}")).content.decode()
        assert "60 days together" in html and "Found a part-time job" in html


def test_a_radio_group_is_described_by_its_error(client, pair):
    client.force_login(pair.mentor)
    data = _checkin_data()
    data.pop("format", None)
    html = client.post(reverse("mentorship:checkin_new", args=[pair.pk]), data).content.decode()
    fieldset = re.search(r'<fieldset aria-describedby="([^"]+)">\s*<legend[^>]*>How you met', html)
    assert fieldset, "the group names its error"
    error_id = next(i for i in fieldset[1].split() if i.endswith("_error"))
    assert re.search(rf'<ul class="errorlist" id="{error_id}"', html)
