"""When a pair's next check-in is due and which day milestones it has reached. Pure: no ORM.

Dates are New York calendar dates (the program's time zone); the caller passes `today`.
"""

from dataclasses import dataclass
from datetime import date

from lms.common.datebounds import shift_days
from lms.mentorship.choices import Frequency, MilestoneKind

FREQUENCY_DAYS = {
    Frequency.WEEKLY: 7,
    Frequency.FORTNIGHTLY: 14,
    Frequency.MONTHLY: 31,
}
# Until the pair has an agreement, the program expects a first meeting within this time.
DEFAULT_FREQUENCY = Frequency.FORTNIGHTLY

DAY_MILESTONES = {
    MilestoneKind.DAYS_30: 30,
    MilestoneKind.DAYS_60: 60,
    MilestoneKind.DAYS_90: 90,
}


@dataclass(frozen=True)
class CheckinDue:
    due_on: date
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def checkin_due(
    *, paired_on: date, last_met_on: date | None, frequency: str | None, today: date
) -> CheckinDue:
    """The next check-in is due one agreed interval after the last (or after pairing).

    A pair is overdue from the day after the due date.
    """
    interval = FREQUENCY_DAYS[Frequency(frequency or DEFAULT_FREQUENCY)]
    start = max(paired_on, last_met_on) if last_met_on else paired_on
    due_on = shift_days(start, interval)
    return CheckinDue(due_on=due_on, days_overdue=max(0, (today - due_on).days))


def day_milestones_reached(
    *, paired_on: date, ended_on: date | None, today: date
) -> dict[str, date]:
    """{kind: date reached} for the 30/60/90-day milestones the pair had reached by `today`.

    A pair that ended before a milestone's day never reaches it.
    """
    last_day = min(today, ended_on) if ended_on else today
    reached: dict[str, date] = {}
    for kind, days in DAY_MILESTONES.items():
        on = shift_days(paired_on, days)
        if on <= last_day:
            reached[kind] = on
    return reached
