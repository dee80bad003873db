"""When a check-in is due and which day milestones a pair reached (pure, no database)."""

from datetime import date

from lms.mentorship.choices import Frequency, MilestoneKind
from lms.mentorship.schedule import checkin_due, day_milestones_reached

PAIRED = date(2026, 3, 1)


def test_weekly_pair_is_due_seven_days_after_the_last_meeting_and_overdue_the_day_after():
    due = checkin_due(
        paired_on=PAIRED,
        last_met_on=date(2026, 3, 10),
        frequency=Frequency.WEEKLY,
        today=date(2026, 3, 17),
    )
    assert due.due_on == date(2026, 3, 17) and not due.overdue

    late = checkin_due(
        paired_on=PAIRED,
        last_met_on=date(2026, 3, 10),
        frequency=Frequency.WEEKLY,
        today=date(2026, 3, 20),
    )
    assert late.overdue and late.days_overdue == 3


def test_without_meetings_or_agreement_the_first_check_in_is_due_two_weeks_after_pairing():
    due = checkin_due(paired_on=PAIRED, last_met_on=None, frequency=None, today=PAIRED)

    assert due.due_on == date(2026, 3, 15)


def test_monthly_pair_is_not_overdue_after_three_weeks():
    due = checkin_due(
        paired_on=PAIRED, last_met_on=PAIRED, frequency=Frequency.MONTHLY, today=date(2026, 3, 22)
    )
    assert not due.overdue


def test_day_milestones_reached_by_today():
    reached = day_milestones_reached(paired_on=PAIRED, ended_on=None, today=date(2026, 5, 1))

    assert reached == {
        MilestoneKind.DAYS_30: date(2026, 3, 31),
        MilestoneKind.DAYS_60: date(2026, 4, 30),
    }


def test_a_pair_that_ended_before_day_90_never_reaches_it():
    reached = day_milestones_reached(
        paired_on=PAIRED, ended_on=date(2026, 5, 15), today=date(2026, 9, 1)
    )

    assert set(reached) == {MilestoneKind.DAYS_30, MilestoneKind.DAYS_60}
