"""The credential rules as pure functions over plain data: no ORM, no clock, no settings.

Dates a person reads (issue, expiry) are calendar dates in the program's time zone,
America/New_York. An expiry date is valid through the last instant of that day there; the
credential is expired from 00:00 New York time the next day, whatever the DST offset.

Status precedence (one status per record and day, see docs/decisions/0010):
revoked > suspended > lapsed > expired in grace > renewal window open > expiring soon > active.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from credentials.choices import ActivityKind, CETopic, CredentialStatus, ReminderKind, Standing

# The calendar arithmetic and date bounds, shared with lms (re-exported for our callers).
from lms.common.datebounds import add_months as add_months
from lms.common.datebounds import date_bounds_error as date_bounds_error
from lms.common.datebounds import latest_expiry as latest_expiry
from lms.common.datebounds import shift_days as shift_days

PROGRAM_TZ = ZoneInfo("America/New_York")
ONE_DAY = timedelta(days=1)

MAX_HOURS_PER_ENTRY = Decimal(100)
# A missed or failed daily run still sends what fell due this many days before.
REMINDER_CATCH_UP_DAYS = 14
REMINDER_DAYS_BEFORE: dict[str, int] = {
    ReminderKind.DAYS_90: 90,
    ReminderKind.DAYS_60: 60,
    ReminderKind.DAYS_30: 30,
    ReminderKind.DAYS_7: 7,
}

# Error messages (tests assert on these).
HOURS_NOT_POSITIVE = "Enter the hours as a number greater than 0."
HOURS_TOO_MANY = (
    "One entry cannot be more than 100 hours. Split a longer course into its parts, "
    "or check the number."
)
DATES_OUT_OF_ORDER = "The expiry date must be after the issue date."
ISSUE_IN_FUTURE = "The issue date cannot be in the future."
CE_DATE_IN_FUTURE = "The date cannot be in the future: record a training once you have done it."
EXPIRY_TOO_FAR = (
    "This expiry date is more than {months} months after the issue date, which this credential "
    "does not allow. Check the year."
)
_NOT_COUNTED_REASON = (
    "PCB counts trainings, workshops, conferences and college or online courses. It does not "
    "count supervision, staff meetings, rounds or case management, because they are part of the "
    "work itself rather than education, so this cannot be recorded as continuing education."
)
NOT_COUNTED: dict[str, str] = {
    ActivityKind.SUPERVISION: f"Supervision does not count. {_NOT_COUNTED_REASON}",
    ActivityKind.STAFF_MEETING: f"Staff meetings do not count. {_NOT_COUNTED_REASON}",
    ActivityKind.ROUNDS: f"Rounds do not count. {_NOT_COUNTED_REASON}",
    ActivityKind.CASE_MANAGEMENT: f"Case management does not count. {_NOT_COUNTED_REASON}",
}
COUNTING_KINDS = tuple(kind for kind in ActivityKind if kind not in NOT_COUNTED)


@dataclass(frozen=True)
class TypeRules:
    """A credential type's renewal rules, as the data a coordinator keeps (CredentialType)."""

    renewal_cycle_months: int
    ce_hours_required: Decimal
    min_ethics_hours: Decimal
    min_confidentiality_hours: Decimal
    window_opens_months_before: int
    grace_months: int
    expiring_soon_days: int = 90


# ----------------------------------------------------------------------------- calendar


def local_date(instant: datetime) -> date:
    """The calendar date in New York at an aware instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_date needs an aware datetime")
    return instant.astimezone(PROGRAM_TZ).date()


def start_of_day(day: date) -> datetime:
    """00:00 New York time on `day`, as an aware datetime (never inside a DST gap: the US
    changes clocks at 02:00)."""
    return datetime.combine(day, time.min, tzinfo=PROGRAM_TZ)


def validity_ends_at(expiry_date: date) -> datetime:
    """The first instant at which a credential expiring on `expiry_date` is expired."""
    return start_of_day(shift_days(expiry_date, 1))


def date_in_words(day: date) -> str:
    """'Mar 14, 2027': the program's one date format (as Django's "M j, Y"), US order."""
    return f"{calendar.month_abbr[day.month]} {day.day}, {day.year}"


def hours_in_words(hours: Decimal) -> str:
    """'2', '1.5', '0.25': no trailing zeros, no exponent."""
    return format(Decimal(hours).normalize(), "f")


def _hours_noun(hours: Decimal) -> str:
    return "hour" if hours == 1 else "hours"


# ----------------------------------------------------------------------------- key dates


def expected_expiry(issue_date: date, rules: TypeRules) -> date:
    """The expiry one renewal cycle after issue (29 Feb 2024 + 24 months = 28 Feb 2026)."""
    return add_months(issue_date, rules.renewal_cycle_months)


def renewal_window_opens_on(expiry_date: date, rules: TypeRules) -> date:
    """First day a renewal application may be sent."""
    return add_months(expiry_date, -rules.window_opens_months_before)


def grace_ends_on(expiry_date: date, rules: TypeRules) -> date:
    """Last day on which an expired credential can still be recertified."""
    return add_months(expiry_date, rules.grace_months)


def ce_window(expiry_date: date, rules: TypeRules) -> tuple[date, date]:
    """The dates (both inclusive) within which CE counts: the cycle before expiry."""
    return add_months(expiry_date, -rules.renewal_cycle_months), expiry_date


def counts_toward(entry_date: date, expiry_date: date, rules: TypeRules) -> bool:
    start, end = ce_window(expiry_date, rules)
    return start <= entry_date <= end


# ----------------------------------------------------------------------------- status


def credential_status(
    *, expiry_date: date, standing: str, rules: TypeRules, on: date
) -> CredentialStatus:
    """The status of a credential on a New York calendar day."""
    if standing == Standing.REVOKED:
        return CredentialStatus.REVOKED
    if standing == Standing.SUSPENDED:
        return CredentialStatus.SUSPENDED
    if on > expiry_date:
        if on <= grace_ends_on(expiry_date, rules):
            return CredentialStatus.EXPIRED_IN_GRACE
        return CredentialStatus.LAPSED
    if renewal_window_opens_on(expiry_date, rules) <= on:
        return CredentialStatus.RENEWAL_WINDOW_OPEN
    if (expiry_date - on).days <= rules.expiring_soon_days:
        return CredentialStatus.EXPIRING_SOON
    return CredentialStatus.ACTIVE


def credential_status_at(
    *, expiry_date: date, standing: str, rules: TypeRules, at: datetime
) -> CredentialStatus:
    """The status at an aware instant (its New York date decides)."""
    return credential_status(
        expiry_date=expiry_date, standing=standing, rules=rules, on=local_date(at)
    )


def _first_date_with(f: Callable[[date], date], target: date, guess: date) -> date:
    """Smallest x with f(x) >= target, for f monotone non-decreasing and close to a shift."""
    x = guess
    while f(x) < target:
        x += ONE_DAY
    while f(x - ONE_DAY) >= target:
        x -= ONE_DAY
    return x


def _last_date_with(f: Callable[[date], date], target: date, guess: date) -> date:
    """Largest x with f(x) <= target, for f monotone non-decreasing and close to a shift."""
    x = guess
    while f(x) > target:
        x -= ONE_DAY
    while f(x + ONE_DAY) <= target:
        x += ONE_DAY
    return x


DateRange = tuple[date | None, date | None]


def expiry_range_for_status(
    status: CredentialStatus, rules: TypeRules, on: date
) -> DateRange | None:
    """The expiry dates (inclusive bounds, None = unbounded) that give `status` on `on` to a
    record in good standing: the queryset filter uses this. None for suspended/revoked, which
    depend on standing only. An empty range comes back with lo > hi."""
    m = rules.window_opens_months_before
    last_window = _last_date_with(lambda e: add_months(e, -m), on, add_months(on, m))
    g = rules.grace_months
    first_grace = _first_date_with(lambda e: add_months(e, g), on, add_months(on, -g))
    soon = on + timedelta(days=rules.expiring_soon_days)
    ranges: dict[CredentialStatus, DateRange] = {
        CredentialStatus.LAPSED: (None, first_grace - ONE_DAY),
        CredentialStatus.EXPIRED_IN_GRACE: (first_grace, on - ONE_DAY),
        CredentialStatus.RENEWAL_WINDOW_OPEN: (on, last_window),
        CredentialStatus.EXPIRING_SOON: (last_window + ONE_DAY, soon),
        CredentialStatus.ACTIVE: (max(last_window, soon) + ONE_DAY, None),
    }
    return ranges.get(status)


# ----------------------------------------------------------------------------- reminders


def reminder_due_on(kind: str, expiry_date: date, rules: TypeRules) -> date:
    """The day a reminder of `kind` falls due for a credential expiring on `expiry_date`."""
    if kind in REMINDER_DAYS_BEFORE:
        return shift_days(expiry_date, -REMINDER_DAYS_BEFORE[kind])
    if kind == ReminderKind.WINDOW_OPEN:
        return renewal_window_opens_on(expiry_date, rules)
    if kind == ReminderKind.EXPIRED:
        return shift_days(expiry_date, 1)
    raise ValueError(f"unknown reminder kind {kind!r}")


def reminders_due(
    expiry_date: date, rules: TypeRules, *, since: date, until: date
) -> list[ReminderKind]:
    """Kinds of reminder that fall due on a day in [since, until]."""
    return [
        kind for kind in ReminderKind if since <= reminder_due_on(kind, expiry_date, rules) <= until
    ]


def expiry_range_for_reminder(
    kind: str, rules: TypeRules, *, since: date, until: date
) -> tuple[date, date]:
    """Inclusive expiry dates whose `kind` reminder falls due in [since, until] (lo > hi if
    none): due dates are monotone in the expiry date, so the set is an interval."""

    def due(e: date) -> date:
        return reminder_due_on(kind, e, rules)

    # A first guess of the inverse (expiry from due date); the search corrects it exactly.
    if kind == ReminderKind.WINDOW_OPEN:
        lo_guess = add_months(since, rules.window_opens_months_before)
        hi_guess = add_months(until, rules.window_opens_months_before)
    else:
        shift = timedelta(days=REMINDER_DAYS_BEFORE.get(kind, -1))  # EXPIRED: due the day after
        lo_guess, hi_guess = since + shift, until + shift
    return _first_date_with(due, since, lo_guess), _last_date_with(due, until, hi_guess)


# ----------------------------------------------------------------------------- CE ledger


@dataclass(frozen=True)
class CEItem:
    """One CE entry as plain data."""

    date: date
    hours: Decimal
    topic: str


@dataclass(frozen=True)
class CEProgress:
    """Hours counted in a cycle's window, by topic, and what is still needed."""

    window_start: date
    window_end: date
    counted: dict[str, Decimal]
    total: Decimal
    required_total: Decimal
    required: dict[str, Decimal]
    missing: dict[str, Decimal]
    missing_any_topic: Decimal
    gap_words: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing_any_topic and not any(self.missing.values())

    @property
    def missing_total(self) -> Decimal:
        return self.missing_any_topic + sum(self.missing.values(), Decimal(0))


def ce_progress(
    items: Iterable[CEItem], *, expiry_date: date, rules: TypeRules, today: date
) -> CEProgress:
    """Add up the entries inside the window and say, in words, what is missing by when."""
    start, end = ce_window(expiry_date, rules)
    counted = {topic.value: Decimal(0) for topic in CETopic}
    for item in items:
        if start <= item.date <= end:
            counted[item.topic] = counted.get(item.topic, Decimal(0)) + Decimal(item.hours)
    total = sum(counted.values(), Decimal(0))
    required = {
        CETopic.ETHICS.value: Decimal(rules.min_ethics_hours),
        CETopic.CONFIDENTIALITY.value: Decimal(rules.min_confidentiality_hours),
    }
    missing = {topic: max(Decimal(0), need - counted[topic]) for topic, need in required.items()}
    missing_total = max(Decimal(0), Decimal(rules.ce_hours_required) - total)
    missing_any = max(Decimal(0), missing_total - sum(missing.values(), Decimal(0)))
    return CEProgress(
        window_start=start,
        window_end=end,
        counted=counted,
        total=total,
        required_total=Decimal(rules.ce_hours_required),
        required=required,
        missing=missing,
        missing_any_topic=missing_any,
        gap_words=gap_in_words(
            missing=missing, missing_any_topic=missing_any, deadline=end, today=today
        ),
    )


def gap_in_words(
    *, missing: dict[str, Decimal], missing_any_topic: Decimal, deadline: date, today: date
) -> list[str]:
    """['2 ethics hours still needed by Mar 14, 2027', ...]; [] when nothing is missing."""
    parts = []
    for topic, hours in missing.items():
        if hours:
            label = CETopic(topic).label.lower()
            parts.append(f"{hours_in_words(hours)} {label} {_hours_noun(hours)}")
    if missing_any_topic:
        parts.append(
            f"{hours_in_words(missing_any_topic)} more {_hours_noun(missing_any_topic)} "
            "on any topic"
        )
    when = date_in_words(deadline)
    if today > deadline:
        return [f"{part} short when the cycle ended on {when}" for part in parts]
    return [f"{part} still needed by {when}" for part in parts]


# ----------------------------------------------------------------------------- validation


def ce_kind_refusal(kind: str) -> str | None:
    """Why an activity kind cannot be CE, or None when it counts."""
    return NOT_COUNTED.get(kind)


def ce_date_error(day: date, *, today: date) -> str | None:
    """Why a CE entry cannot carry this date (in the future, or before 1900), or None."""
    if day > today:
        return CE_DATE_IN_FUTURE
    return date_bounds_error(day)


def ce_hours_error(hours: Decimal) -> str | None:
    if hours <= 0:
        return HOURS_NOT_POSITIVE
    if hours > MAX_HOURS_PER_ENTRY:
        return HOURS_TOO_MANY
    return None


def record_dates_errors(
    *, issue_date: date, expiry_date: date, rules: TypeRules, today: date
) -> dict[str, str]:
    """Field name -> message for impossible issue/expiry dates: out of bounds (before 1900,
    issued in the future, expiring more than ten years ahead), out of order, or an expiry
    further from issue than the credential's cycle allows."""
    errors = {}
    if issue_date > today:
        errors["issue_date"] = ISSUE_IN_FUTURE
    elif bounds := date_bounds_error(issue_date):
        errors["issue_date"] = bounds
    longest = rules.renewal_cycle_months + 3
    if expiry_date <= issue_date:
        errors["expiry_date"] = DATES_OUT_OF_ORDER
    elif expiry_date > add_months(issue_date, longest):  # the type's own rule says most
        errors["expiry_date"] = EXPIRY_TOO_FAR.format(months=longest)
    elif bounds := date_bounds_error(expiry_date, latest=latest_expiry(today=today)):
        errors["expiry_date"] = bounds
    return errors
