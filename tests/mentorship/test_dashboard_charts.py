"""The coordinator dashboard's pictures: pairs by state, check-ins per week, quiz pass rates;
each with its numbers in words, in a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship.selectors import checkins_per_week, coordinator_dashboard
from lms.training.selectors import quiz_pass_rates
from tests.mentorship.factories import AgreementFactory, CheckInFactory, PairingFactory
from tests.training.test_dashboard import build_track, take_all

pytestmark = pytest.mark.django_db


def _pairs(make_user, n: int, *, weeks_back: int = 3):
    today = timezone.localdate()
    for i in range(n):
        pairing = PairingFactory(
            mentor=make_user(Role.MENTOR),
            mentee=make_user(Role.MENTEE),
            paired_on=today - timedelta(days=120),
        )
        if i % 2:
            now = timezone.now()
            AgreementFactory(
                pairing=pairing,
                frequency="monthly",
                mentor_acknowledged_at=now,
                mentee_acknowledged_at=now,
            )
        for week in range(weeks_back):
            CheckInFactory(pairing=pairing, met_on=today - timedelta(weeks=week))


def test_checkins_are_counted_per_week_for_twelve_weeks_with_empty_weeks_as_zero(make_user):
    today = timezone.localdate()
    pairing = PairingFactory(paired_on=today - timedelta(days=200))
    monday = today - timedelta(days=today.weekday())
    CheckInFactory(pairing=pairing, met_on=monday)
    CheckInFactory(pairing=pairing, met_on=today)
    CheckInFactory(pairing=pairing, met_on=monday - timedelta(days=1))  # the Sunday before
    CheckInFactory(pairing=pairing, met_on=monday - timedelta(weeks=12))  # too old

    weeks = checkins_per_week(today=today)

    assert len(weeks) == 12
    assert weeks[-1] == (monday, 2)
    assert weeks[-2] == (monday - timedelta(weeks=1), 1)
    assert [n for _, n in weeks[:-2]] == [0] * 10
    assert weeks[0][0] == monday - timedelta(weeks=11)


def test_pairs_are_counted_once_in_one_state(make_user):
    _pairs(make_user, 2, weeks_back=0)  # never met, paired long ago: overdue
    ended = PairingFactory()
    ended.ended_at, ended.ended_on, ended.end_reason = timezone.now(), timezone.localdate(), "other"
    ended.save()
    fresh = PairingFactory(paired_on=timezone.localdate())  # not due yet, no agreement
    assert fresh.pk

    states = dict(coordinator_dashboard().pairs_by_state)

    assert states == {
        "Up to date": 0,
        "Overdue for a check-in": 2,
        "Agreement not acknowledged": 1,
        "Ended": 1,
    }


def test_pass_rate_counts_learners_not_attempts(make_user):
    track = build_track(2, "Rates")
    first, second, third = (make_user(Role.MENTOR) for _ in range(3))
    take_all(first, track, attempts_each=2)  # failed once, then passed: one passer
    take_all(second, track, attempts_each=1)  # passed

    rates = [r for r in quiz_pass_rates() if r.module.path.startswith(track.path)]

    assert [(r.module.title, r.takers, r.passers, r.percent) for r in rates] == [
        ("M0", 2, 2, 100),
        ("M1", 2, 2, 100),
    ]
    assert third.pk


def _dashboard_queries(client) -> tuple[int, str]:
    client.get(reverse("mentorship:coordinator_dashboard"))  # milestones reached are recorded
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("mentorship:coordinator_dashboard"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_draws_three_labelled_charts_in_a_fixed_number_of_queries(
    client, coordinator, make_user
):
    client.force_login(coordinator)
    _pairs(make_user, 2)
    small_track = build_track(2, "Small")
    take_all(make_user(Role.MENTOR), small_track, attempts_each=1)
    small, _ = _dashboard_queries(client)

    _pairs(make_user, 12)
    big_track = build_track(12, "Big")
    for _ in range(3):
        take_all(make_user(Role.MENTOR), big_track, attempts_each=2)
    big, html = _dashboard_queries(client)

    assert big == small
    assert html.count('role="img"') == 3
    assert 'aria-label="Pairs by state: Up to date, ' in html
    assert "Check-ins per week over the last 12 weeks: week of " in html
    assert "M11, 3 of 3 learners passed" in html
    # The numbers as a table too, under a disclosure.
    assert "<summary>The numbers" in html and '<th scope="col">Week of</th>' in html


def test_the_mentor_dashboard_shows_progress_as_a_labelled_ring(client, make_user):
    mentor = make_user(Role.MENTOR)
    track = build_track(4, "Ring")
    client.force_login(mentor)
    html = client.get("/training/dashboard/").content.decode()
    assert 'class="chart chart--ring"' in html
    assert f'aria-label="0% of {track.title} completed: 0 of 4 modules"' in html
