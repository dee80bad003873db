"""credentials/rules.py: status at the edges (named cases) and across many dates (hypothesis)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credentials import rules
from credentials.choices import ActivityKind, CredentialStatus, ReminderKind, Standing

pytestmark = pytest.mark.django_db

NY = rules.PROGRAM_TZ
PCB = rules.TypeRules(
    renewal_cycle_months=24,
    ce_hours_required=Decimal(30),
    min_ethics_hours=Decimal(6),
    min_confidentiality_hours=Decimal(3),
    window_opens_months_before=3,
    grace_months=6,
    expiring_soon_days=90,
)
S = CredentialStatus
PROPERTY = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def ny(year, month, day, hour=0, minute=0, second=0, microsecond=0, fold=0):
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=NY, fold=fold)


def status_at(expiry, at, standing=Standing.GOOD, type_rules=PCB):
    return rules.credential_status_at(
        expiry_date=expiry, standing=standing, rules=type_rules, at=at
    )


def status_on(expiry, on, standing=Standing.GOOD, type_rules=PCB):
    return rules.credential_status(expiry_date=expiry, standing=standing, rules=type_rules, on=on)


# ----------------------------------------------------------------------------- named edges


def test_still_valid_at_2359_new_york_on_the_expiry_day():
    assert status_at(date(2027, 3, 14), ny(2027, 3, 14, 23, 59)) == S.RENEWAL_WINDOW_OPEN
    assert status_at(date(2027, 3, 14), ny(2027, 3, 14, 23, 59, 59, 999999)) == (
        S.RENEWAL_WINDOW_OPEN
    )


def test_expired_but_recertifiable_at_0000_new_york_the_next_day():
    assert status_at(date(2027, 3, 14), ny(2027, 3, 15, 0, 0)) == S.EXPIRED_IN_GRACE


def test_expiry_edge_is_new_york_midnight_not_utc_midnight():
    # 02:00 UTC on 15 March is still 22:00 on 14 March in New York (EDT, UTC-4).
    assert status_at(date(2027, 3, 14), datetime(2027, 3, 15, 2, 0, tzinfo=UTC)) == (
        S.RENEWAL_WINDOW_OPEN
    )
    assert status_at(date(2027, 3, 14), datetime(2027, 3, 15, 3, 59, tzinfo=UTC)) == (
        S.RENEWAL_WINDOW_OPEN
    )
    assert status_at(date(2027, 3, 14), datetime(2027, 3, 15, 4, 0, tzinfo=UTC)) == (
        S.EXPIRED_IN_GRACE
    )


def test_renewal_window_opens_at_0000_exactly_three_months_before_expiry():
    expiry = date(2027, 3, 14)
    assert rules.renewal_window_opens_on(expiry, PCB) == date(2026, 12, 14)
    assert status_at(expiry, ny(2026, 12, 14, 0, 0)) == S.RENEWAL_WINDOW_OPEN
    # The evening before, 91 days remain: more than 90, so plainly active.
    assert status_at(expiry, ny(2026, 12, 13, 23, 59)) == S.ACTIVE


def test_three_months_before_a_31st_opens_on_the_last_day_of_the_shorter_month():
    assert rules.renewal_window_opens_on(date(2026, 5, 31), PCB) == date(2026, 2, 28)
    assert rules.renewal_window_opens_on(date(2028, 5, 31), PCB) == date(2028, 2, 29)
    assert status_on(date(2026, 5, 31), date(2026, 2, 27)) == S.ACTIVE
    assert status_on(date(2026, 5, 31), date(2026, 2, 28)) == S.RENEWAL_WINDOW_OPEN


def test_active_the_day_before_the_window_when_more_than_90_days_remain():
    # 31 July: the window opens on 30 April, 92 days before; 29 April is 93 days before.
    assert status_on(date(2026, 7, 31), date(2026, 4, 29)) == S.ACTIVE
    assert status_on(date(2026, 7, 31), date(2026, 4, 30)) == S.RENEWAL_WINDOW_OPEN


def test_expiring_soon_when_within_90_days_but_the_window_not_yet_open():
    # 15 May 2026: window opens 15 February (89 days before); 14 February is 90 days before.
    assert status_on(date(2026, 5, 15), date(2026, 2, 13)) == S.ACTIVE
    assert status_on(date(2026, 5, 15), date(2026, 2, 14)) == S.EXPIRING_SOON
    assert status_on(date(2026, 5, 15), date(2026, 2, 15)) == S.RENEWAL_WINDOW_OPEN


def test_still_recertifiable_on_the_day_six_months_after_expiry_and_lapsed_the_next():
    expiry = date(2027, 3, 14)
    assert rules.grace_ends_on(expiry, PCB) == date(2027, 9, 14)
    assert status_at(expiry, ny(2027, 9, 14, 23, 59)) == S.EXPIRED_IN_GRACE
    assert status_at(expiry, ny(2027, 9, 15, 0, 0)) == S.LAPSED


def test_grace_after_an_august_31_expiry_ends_on_the_last_day_of_february():
    assert rules.grace_ends_on(date(2026, 8, 31), PCB) == date(2027, 2, 28)
    assert status_on(date(2026, 8, 31), date(2027, 2, 28)) == S.EXPIRED_IN_GRACE
    assert status_on(date(2026, 8, 31), date(2027, 3, 1)) == S.LAPSED


def test_issued_on_29_february_expires_on_28_february_two_years_later():
    expiry = rules.expected_expiry(date(2024, 2, 29), PCB)
    assert expiry == date(2026, 2, 28)
    assert status_at(expiry, ny(2026, 2, 28, 23, 59)) == S.RENEWAL_WINDOW_OPEN
    assert status_at(expiry, ny(2026, 3, 1, 0, 0)) == S.EXPIRED_IN_GRACE
    assert rules.renewal_window_opens_on(expiry, PCB) == date(2025, 11, 28)
    assert rules.grace_ends_on(expiry, PCB) == date(2026, 8, 28)


def test_issued_on_29_february_with_a_four_year_cycle_expires_on_29_february():
    four_years = rules.TypeRules(**{**PCB.__dict__, "renewal_cycle_months": 48})
    assert rules.expected_expiry(date(2024, 2, 29), four_years) == date(2028, 2, 29)


def test_ce_window_of_a_29_february_issue_starts_on_its_28_february_counterpart():
    assert rules.ce_window(date(2026, 2, 28), PCB) == (date(2024, 2, 28), date(2026, 2, 28))
    assert rules.counts_toward(date(2024, 2, 29), date(2026, 2, 28), PCB)


def test_expiry_on_the_spring_forward_day_ends_at_0400_utc():
    # 8 March 2026: clocks go from 02:00 EST to 03:00 EDT; the day's end is EDT midnight.
    expiry = date(2026, 3, 8)
    assert rules.validity_ends_at(expiry) == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)
    assert status_at(expiry, datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC)) != S.EXPIRED_IN_GRACE
    assert status_at(expiry, datetime(2026, 3, 9, 4, 0, tzinfo=UTC)) == S.EXPIRED_IN_GRACE


def test_expiry_on_the_fall_back_day_ends_at_0500_utc():
    # 1 November 2026: 02:00 EDT becomes 01:00 EST, the day lasts 25 hours.
    expiry = date(2026, 11, 1)
    assert rules.validity_ends_at(expiry) == datetime(2026, 11, 2, 5, 0, tzinfo=UTC)
    assert status_at(expiry, datetime(2026, 11, 2, 4, 59, tzinfo=UTC)) == S.RENEWAL_WINDOW_OPEN
    assert status_at(expiry, datetime(2026, 11, 2, 5, 0, tzinfo=UTC)) == S.EXPIRED_IN_GRACE


def test_both_1_30s_of_the_repeated_hour_belong_to_the_same_day():
    expiry = date(2026, 11, 1)
    first = ny(2026, 11, 1, 1, 30, fold=0)
    second = ny(2026, 11, 1, 1, 30, fold=1)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert status_at(expiry, first) == status_at(expiry, second) == S.RENEWAL_WINDOW_OPEN


def test_suspended_and_revoked_override_the_dates():
    for on in (date(2026, 1, 1), date(2027, 3, 14), date(2030, 1, 1)):
        assert status_on(date(2027, 3, 14), on, standing=Standing.SUSPENDED) == S.SUSPENDED
        assert status_on(date(2027, 3, 14), on, standing=Standing.REVOKED) == S.REVOKED


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        rules.local_date(datetime(2027, 3, 14, 12, 0))  # noqa: DTZ001


# ----------------------------------------------------------------------------- properties

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
type_rules = st.builds(
    rules.TypeRules,
    renewal_cycle_months=st.integers(1, 60),
    ce_hours_required=st.just(Decimal(30)),
    min_ethics_hours=st.just(Decimal(6)),
    min_confidentiality_hours=st.just(Decimal(3)),
    window_opens_months_before=st.integers(0, 12),
    grace_months=st.integers(0, 24),
    expiring_soon_days=st.integers(0, 400),
)
instants = st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001 (hypothesis bounds are naive)
    max_value=datetime(2090, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
ORDER = [S.ACTIVE, S.EXPIRING_SOON, S.RENEWAL_WINDOW_OPEN, S.EXPIRED_IN_GRACE, S.LAPSED]


@PROPERTY
@given(expiry=dates, on=dates, type_rules=type_rules)
def test_property_status_matches_exactly_one_queryset_expiry_range(expiry, on, type_rules):
    status = status_on(expiry, on, type_rules=type_rules)
    matching = []
    for candidate in ORDER:
        lo, hi = rules.expiry_range_for_status(candidate, type_rules, on)
        if (lo is None or lo <= expiry) and (hi is None or expiry <= hi):
            matching.append(candidate)
    assert matching == [status]


@PROPERTY
@given(expiry=dates, at=instants)
def test_property_expired_exactly_from_new_york_midnight_after_the_expiry_date(expiry, at):
    status = status_at(expiry, at)
    expired = status in (S.EXPIRED_IN_GRACE, S.LAPSED)
    assert expired == (at >= rules.validity_ends_at(expiry))
    assert status == status_on(expiry, at.astimezone(NY).date())


@PROPERTY
@given(expiry=dates, on=dates, type_rules=type_rules)
def test_property_status_never_goes_back_as_days_pass(expiry, on, type_rules):
    today = status_on(expiry, on, type_rules=type_rules)
    tomorrow = status_on(expiry, on + timedelta(days=1), type_rules=type_rules)
    assert ORDER.index(tomorrow) >= ORDER.index(today)


@PROPERTY
@given(expiry=dates, on=dates)
def test_property_pcb_window_is_open_exactly_from_three_calendar_months_before(expiry, on):
    status = status_on(expiry, on)
    opens = rules.add_months(expiry, -3)
    assert (status == S.RENEWAL_WINDOW_OPEN) == (opens <= on <= expiry)
    assert (status == S.EXPIRED_IN_GRACE) == (expiry < on <= rules.add_months(expiry, 6))


@PROPERTY
@given(day=dates, months=st.integers(-120, 120))
def test_property_add_months_keeps_the_day_or_clamps_to_month_end(day, months):
    moved = rules.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + timedelta(days=1)).day == 1)


@PROPERTY
@given(first=dates, second=dates, months=st.integers(-60, 60))
def test_property_add_months_is_monotone(first, second, months):
    low, high = sorted((first, second))
    assert rules.add_months(low, months) <= rules.add_months(high, months)


@PROPERTY
@given(expiry=dates, until=dates, span=st.integers(0, 30), type_rules=type_rules)
def test_property_reminder_expiry_ranges_match_due_dates(expiry, until, span, type_rules):
    since = until - timedelta(days=span)
    due = rules.reminders_due(expiry, type_rules, since=since, until=until)
    for kind in ReminderKind:
        lo, hi = rules.expiry_range_for_reminder(kind, type_rules, since=since, until=until)
        assert (kind in due) == (lo <= expiry <= hi)


# ----------------------------------------------------------------------------- CE ledger


def item(day, hours, topic):
    return rules.CEItem(date=day, hours=Decimal(hours), topic=topic)


def test_gap_on_a_prepared_ledger_names_each_missing_topic_and_the_deadline():
    ledger = [
        item(date(2025, 6, 1), 12, "general"),
        item(date(2025, 9, 1), 4, "ethics"),
        item(date(2026, 1, 20), 3, "confidentiality"),
        item(date(2026, 4, 2), "1.5", "general"),
        item(date(2024, 12, 31), 10, "ethics"),  # before the window: shown, not counted
    ]
    progress = rules.ce_progress(
        ledger, expiry_date=date(2027, 3, 14), rules=PCB, today=date(2026, 5, 1)
    )
    assert progress.window_start == date(2025, 3, 14)
    assert progress.counted == {
        "general": Decimal("13.5"),
        "ethics": Decimal(4),
        "confidentiality": Decimal(3),
    }
    assert progress.total == Decimal("20.5")
    assert progress.gap_words == [
        "2 ethics hours still needed by Mar 14, 2027",
        "7.5 more hours on any topic still needed by Mar 14, 2027",
    ]
    assert progress.missing_total == Decimal("9.5")
    assert not progress.complete


def test_gap_says_hour_in_the_singular_and_lists_confidentiality():
    progress = rules.ce_progress(
        [item(date(2026, 1, 1), 27, "ethics"), item(date(2026, 1, 2), 2, "confidentiality")],
        expiry_date=date(2027, 3, 14),
        rules=PCB,
        today=date(2026, 5, 1),
    )
    assert progress.gap_words == ["1 confidentiality hour still needed by Mar 14, 2027"]


def test_complete_ledger_has_no_gap():
    ledger = [
        item(date(2026, 1, 1), 21, "general"),
        item(date(2026, 1, 2), 6, "ethics"),
        item(date(2026, 1, 3), 3, "confidentiality"),
    ]
    progress = rules.ce_progress(
        ledger, expiry_date=date(2027, 3, 14), rules=PCB, today=date(2026, 5, 1)
    )
    assert progress.complete and progress.gap_words == []


def test_entries_on_the_window_edges_count_and_one_day_outside_do_not():
    expiry = date(2027, 3, 14)
    assert rules.counts_toward(date(2025, 3, 14), expiry, PCB)
    assert rules.counts_toward(date(2027, 3, 14), expiry, PCB)
    assert not rules.counts_toward(date(2025, 3, 13), expiry, PCB)
    assert not rules.counts_toward(date(2027, 3, 15), expiry, PCB)


def test_gap_after_the_cycle_ended_says_it_was_short():
    progress = rules.ce_progress(
        [], expiry_date=date(2027, 3, 14), rules=PCB, today=date(2027, 4, 1)
    )
    assert progress.gap_words[0] == "6 ethics hours short when the cycle ended on Mar 14, 2027"


@PROPERTY
@given(
    ledger=st.lists(
        st.builds(
            rules.CEItem,
            date=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 1, 1)),
            hours=st.decimals(min_value=Decimal("0.25"), max_value=Decimal(100), places=2),
            topic=st.sampled_from(["general", "ethics", "confidentiality"]),
        ),
        max_size=20,
    )
)
def test_property_ce_gap_is_exactly_what_is_missing(ledger):
    expiry = date(2027, 3, 14)
    progress = rules.ce_progress(ledger, expiry_date=expiry, rules=PCB, today=date(2026, 1, 1))
    inside = [entry for entry in ledger if date(2025, 3, 14) <= entry.date <= expiry]
    assert progress.total == sum((entry.hours for entry in inside), Decimal(0))
    ethics = progress.counted["ethics"] + progress.missing["ethics"]
    confidentiality = progress.counted["confidentiality"] + progress.missing["confidentiality"]
    assert ethics >= 6 and confidentiality >= 3
    assert progress.total + progress.missing_total >= 30
    assert progress.complete == (not progress.gap_words)


# ----------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "kind",
    [
        ActivityKind.SUPERVISION,
        ActivityKind.STAFF_MEETING,
        ActivityKind.ROUNDS,
        ActivityKind.CASE_MANAGEMENT,
    ],
)
def test_non_counting_kinds_are_refused_with_the_reason(kind):
    message = rules.ce_kind_refusal(kind)
    assert message and "does not count" in message.replace("do not count", "does not count")
    assert "part of the work itself" in message


@pytest.mark.parametrize("kind", rules.COUNTING_KINDS)
def test_trainings_workshops_conferences_and_courses_count(kind):
    assert rules.ce_kind_refusal(kind) is None
