"""Coordinators are reminded once a quarter, on the first day of its last week, that PCB's
participant list is due; never on other days, never twice, and a missed day is caught up."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core import mail

import pytest

from lms.common.quarters import Quarter
from lms.ops.scheduling import PARTICIPANT_LIST_REMINDER, PROGRAM_TZ, daily_run
from lms.training.models import TrackPage
from lms.training.services import PARTICIPANT_LIST_SUBJECT, participant_list_reminder_send

pytestmark = pytest.mark.django_db

REMINDER_DAY = date(2026, 12, 25)  # Q4 ends December 31


@pytest.fixture
def approved(db):
    TrackPage.objects.live().update(
        pcb_approved_title="Peer Mentor Foundations",
        pcb_approval_number="PCB-2026-114",
        pcb_approved_hours=Decimal(12),
        pcb_approved_on=date(2026, 1, 5),
    )


def test_each_coordinator_gets_one_reminder_with_the_quarters_list(approved, make_user):
    first, second = make_user("Coordinator"), make_user("Coordinator")
    make_user("Mentor")
    assert participant_list_reminder_send(today=REMINDER_DAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    message = mail.outbox[0]
    assert message.subject == PARTICIPANT_LIST_SUBJECT
    assert "/admin/pcb-participants/?quarter=2026-Q4" in message.body
    assert "Dec 31, 2026" in message.body


@pytest.mark.parametrize("day", [date(2026, 12, 24), date(2026, 12, 26), date(2026, 11, 30)])
def test_no_reminder_on_other_days(approved, coordinator, day):
    assert participant_list_reminder_send(today=day) == 0
    assert mail.outbox == []


def test_no_reminder_without_an_approved_track(coordinator):
    assert not TrackPage.pcb_approved().exists()
    assert participant_list_reminder_send(today=REMINDER_DAY) == 0


def _run(day: date) -> None:
    daily_run(
        job=PARTICIPANT_LIST_REMINDER,
        action=lambda d: {"sent": participant_list_reminder_send(today=d)},
        now=datetime.combine(day, time(6, 20), tzinfo=PROGRAM_TZ),
    )


def test_the_daily_job_sends_once_a_quarter_and_catches_up_a_missed_day(approved, coordinator):
    _run(REMINDER_DAY - timedelta(days=1))
    assert mail.outbox == []
    # The scheduler was down on the 25th: the 26th's run catches it up.
    _run(REMINDER_DAY + timedelta(days=1))
    _run(REMINDER_DAY + timedelta(days=1))  # enqueued again: the days are claimed
    _run(REMINDER_DAY + timedelta(days=2))
    assert len(mail.outbox) == 1
    for quarter_day in (Quarter(2027, 1).last_day - timedelta(days=6),):
        _run(quarter_day)
    assert len(mail.outbox) == 2


def test_the_scheduler_registers_the_job():
    from crontask import scheduler

    import lms.training.jobs  # noqa: F401

    names = {job.name for job in scheduler.get_jobs()}
    assert "remind_participant_list_daily" in names
    assert "catch up the participant list reminder" in names
