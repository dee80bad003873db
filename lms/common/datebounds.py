"""Sane bounds for the dates people enter, and calendar arithmetic that never leaves the calendar.

Pure: no Django. Every path that stores one of these dates (form, admin, service, model
`clean`) asks the functions below, so a typo such as year 1 or year 9999 is refused with a clear
message instead of reaching date arithmetic that overflows (issue 11: a credential dated
1 January of year 1 made four pages answer 500).

| date                                   | earliest      | latest                         |
|----------------------------------------|---------------|--------------------------------|
| credential issue date                  | 1 Jan 1900    | today (credentials.rules)      |
| credential expiry date                 | 1 Jan 1900    | today + 10 years               |
| continuing-education date              | 1 Jan 1900    | today (credentials.rules)      |
| check-in meeting, milestone reached on | 1 Jan 1900    | today (lms.mentorship.services)|
|                                        | and not before the pairing started            |

1900 is before any living person's training or credential; ten years is more than four times
the CRS renewal cycle, so a real expiry date always fits.
"""

import calendar
from datetime import date, timedelta

EARLIEST = date(1900, 1, 1)
YEARS_AHEAD = 10

TOO_EARLY = "Enter a date in 1900 or later. Check the year."
_TOO_LATE = "Enter a date no later than {latest}. Check the year."


def us_date(day: date) -> str:
    """'March 14, 2027', as a person in Pennsylvania reads a date."""
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def too_late(latest: date) -> str:
    return _TOO_LATE.format(latest=us_date(latest))


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day:
    31 May - 3 months = 28 (or 29) February; 29 February + 24 months = 28 February.
    Saturates at the ends of the calendar (date.min, date.max) instead of raising."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def shift_days(day: date, days: int) -> date:
    """`day` moved by `days`, saturating at date.min and date.max instead of raising."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def latest_expiry(*, today: date) -> date:
    """The latest expiry date accepted on `today`."""
    return add_months(today, 12 * YEARS_AHEAD)


def date_bounds_error(day: date, *, latest: date | None = None) -> str | None:
    """Why `day` is out of bounds (before 1900, or after `latest` when given), or None."""
    if day < EARLIEST:
        return TOO_EARLY
    if latest is not None and day > latest:
        return too_late(latest)
    return None
