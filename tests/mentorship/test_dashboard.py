"""The coordinator's dashboard: overdue pairs against their agreed frequency."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship.choices import Frequency
from lms.mentorship.selectors import coordinator_dashboard
from tests.mentorship.factories import AgreementFactory, CheckInFactory, PairingFactory

pytestmark = pytest.mark.django_db


def _pair(make_user, *, mentor_name, frequency, last_met_days_ago):
    today = timezone.localdate()
    pairing = PairingFactory(
        mentor=make_user(Role.MENTOR, first_name=mentor_name),
        mentee=make_user(Role.MENTEE),
        paired_on=today - timedelta(days=60),
    )
    AgreementFactory(pairing=pairing, frequency=frequency)
    CheckInFactory(pairing=pairing, met_on=today - timedelta(days=last_met_days_ago))
    return pairing


def test_overdue_pairs_appear_on_the_coordinators_dashboard(client, coordinator, make_user):
    late_weekly = _pair(
        make_user, mentor_name="Latewk", frequency=Frequency.WEEKLY, last_met_days_ago=10
    )
    _pair(make_user, mentor_name="Ontimemo", frequency=Frequency.MONTHLY, last_met_days_ago=10)
    late_fortnightly = _pair(
        make_user, mentor_name="Latefn", frequency=Frequency.FORTNIGHTLY, last_met_days_ago=20
    )
    client.force_login(coordinator)

    html = client.get(reverse("mentorship:coordinator_dashboard")).content.decode()

    overdue = html.split('id="overdue"')[1].split('id="agreements"')[0]
    assert "Pairs overdue for a check-in (2)" in overdue
    assert "Latewk" in overdue and "Latefn" in overdue
    assert "Ontimemo" not in overdue
    board = coordinator_dashboard()
    assert [s.pairing for s in board.overdue] == [late_fortnightly, late_weekly]
    assert [s.due.days_overdue for s in board.overdue] == [6, 3]


def test_an_ended_pair_is_never_overdue(coordinator, make_user):
    pairing = _pair(
        make_user, mentor_name="Ended", frequency=Frequency.WEEKLY, last_met_days_ago=30
    )
    pairing.ended_at = timezone.now()
    pairing.ended_on = timezone.localdate()
    pairing.end_reason = "goals_met"
    pairing.save()

    assert coordinator_dashboard().overdue == []


def test_a_new_pair_without_agreement_or_meetings_is_due_two_weeks_after_pairing(make_user):
    PairingFactory(
        mentor=make_user(Role.MENTOR),
        mentee=make_user(Role.MENTEE),
        paired_on=timezone.localdate() - timedelta(days=15),
    )

    board = coordinator_dashboard()

    assert [s.due.days_overdue for s in board.overdue] == [1]
    assert len(board.awaiting_agreement) == 1
