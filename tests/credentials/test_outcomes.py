"""The outcomes report: known answers on a seeded quarter, and the small-cell rule (no count
from 1 to 10 is ever shown, and no hidden count can be worked back from a total)."""

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credentials import outcomes
from credentials import outcomes_rules as cells
from credentials.certificates import codes
from credentials.models import Certificate
from credentials.rules import PROGRAM_TZ
from lms.common.quarters import Quarter
from lms.mentorship.choices import MilestoneKind, PairEndReason
from lms.mentorship.models import MeetingFeedback, Milestone
from lms.training.models import QuizAttempt, QuizPage, TrackPage
from tests.factories import UserFactory
from tests.mentorship.factories import CheckInFactory, PairingFactory

Q2 = Quarter(2026, 2)  # April to June 2026
TODAY = date(2026, 11, 30)


# ----------------------------------------------------------------------------- the rule


def test_quarters_are_parsed_forgivingly_and_the_future_is_refused():
    assert cells.parse_quarter("2026-Q2", today=TODAY) == Q2
    assert cells.parse_quarter(" 2026 q2 ", today=TODAY) == Q2
    assert Q2.first_day == date(2026, 4, 1) and Q2.last_day == date(2026, 6, 30)
    assert Quarter(2026, 4).last_day == date(2026, 12, 31)
    assert cells.parse_quarter("2026-Q4", today=TODAY).number == 4  # this quarter, in progress
    for text, message in [
        ("2027-Q1", cells.QUARTER_IN_FUTURE),
        ("2026-Q5", cells.QUARTER_FORMAT),
        ("Q2 2026", cells.QUARTER_FORMAT),
        ("1999-Q4", cells.QUARTER_TOO_EARLY),
        ("２０２６-Q2", cells.QUARTER_FORMAT),  # fullwidth digits are not a year
    ]:
        with pytest.raises(ValueError, match=re.escape(message)):
            cells.parse_quarter(text, today=TODAY)


def test_one_hidden_cell_hides_a_second_so_the_total_gives_nothing_away():
    shown, total = cells.show_group({"a": 12, "b": 3, "c": 40}, with_total=True)
    assert shown == {"a": cells.HIDDEN, "b": cells.SMALL, "c": "40"}
    assert total == "55"
    # Alone with its total, a small cell hides the total too.
    shown, total = cells.show_group({"a": 0, "b": 4}, with_total=True)
    assert shown == {"a": "0", "b": cells.SMALL} and total == cells.SMALL
    # Two small cells hide each other.
    shown, total = cells.show_group({"a": 2, "b": 5, "c": 30}, with_total=True)
    assert shown == {"a": cells.SMALL, "b": cells.SMALL, "c": "30"} and total == "37"


def _worked_out(shown: dict[str, str], counts: dict[str, int], total: str) -> set[str]:
    """The hidden cells a reader could work back from the total and the shown cells."""
    hidden = [key for key, value in shown.items() if not value.replace(",", "").isdigit()]
    if total.replace(",", "").isdigit() and len(hidden) == 1:
        return set(hidden)
    return set()


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 60), min_size=1))
def test_no_group_ever_shows_or_gives_away_a_count_from_one_to_ten(counts):
    shown, total = cells.show_group(counts, with_total=True)
    for key, value in shown.items():
        if value.replace(",", "").isdigit():
            assert not cells.is_small(int(value.replace(",", ""))), (key, value)
            assert int(value.replace(",", "")) == counts[key]
    if total.replace(",", "").isdigit():
        assert not cells.is_small(int(total.replace(",", "")))
    assert not _worked_out(shown, counts, total)


@pytest.mark.parametrize(
    ("passed", "tried", "shown"),
    [
        (0, 0, "No attempts"),
        (30, 45, "67%"),
        (24, 25, cells.HIDDEN),
        (5, 30, cells.HIDDEN),
        (0, 30, "0%"),
        (30, 30, "100%"),
        (4, 8, cells.HIDDEN),
    ],
)
def test_a_rate_hides_when_it_would_tell_a_small_count(passed, tried, shown):
    assert cells.show_rate(passed, tried) == shown


# ----------------------------------------------------------------------------- a seeded quarter


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=PROGRAM_TZ)


@pytest.fixture
def seeded(db):
    """Known answers for April to June 2026, plus activity before and after that must not count."""
    quizzes = list(QuizPage.objects.live().order_by("path")[:2])
    track = TrackPage.objects.live().first()
    in_q2 = date(2026, 5, 10)
    mentors = [UserFactory(role="Mentor") for _ in range(15)]
    # 12 start in Q2 (first attempt), 3 started in Q1.
    for index, mentor in enumerate(mentors):
        started = in_q2 if index < 12 else date(2026, 2, 1)
        for quiz in quizzes:
            # Quiz 1: everyone passes on the first try. Quiz 2: 4 fail first, then pass.
            fails_first = quiz == quizzes[1] and index < 4
            attempts = [False, True] if fails_first else [True]
            for number, passed in enumerate(attempts, start=1):
                QuizAttempt.objects.create(
                    user=mentor,
                    quiz=quiz,
                    number=number,
                    passed=passed,
                    score=Decimal(100 if passed else 40),
                    started_at=_at(started),
                    submitted_at=_at(started),
                )
    # 13 certificates in Q2, 5 days after their holders started; 2 of them revoked in Q2.
    for index, mentor in enumerate(mentors[:13]):
        certificate = Certificate.objects.create(
            token=codes.new_token(),
            code=codes.new_code(),
            holder=mentor,
            track=track,
            track_version=1,
            title="Peer mentor foundations",
            holder_name=mentor.get_full_name(),
            hours=Decimal(10),
            issued_on=(in_q2 if index < 12 else date(2026, 2, 1)) + timedelta(days=5),
        )
        if index < 2:
            certificate.revoked_at = _at(date(2026, 6, 1))
            certificate.save()
    # Pairs: 16 start in Q2; 12 end with goals met and 3 at the mentee's request, in Q2.
    pairs = [PairingFactory(paired_on=date(2026, 4, 2)) for _ in range(16)]
    for index, pair in enumerate(pairs[:15]):
        pair.ended_on = date(2026, 6, 20)
        pair.ended_at = _at(pair.ended_on)
        pair.end_reason = PairEndReason.GOALS_MET if index < 12 else PairEndReason.MENTEE_REQUEST
        pair.save()
    # Check-ins: two a pair, 14 days apart, each rated 4 or 5 by the mentee.
    for index, pair in enumerate(pairs[:12]):
        for day in (date(2026, 4, 10), date(2026, 4, 24)):
            checkin = CheckInFactory(pairing=pair, met_on=day)
            MeetingFeedback.objects.create(
                checkin=checkin, rating=4 if index % 2 else 5, given_at=_at(day)
            )
        Milestone.objects.create(
            pairing=pair, kind=MilestoneKind.DAYS_30, reached_on=date(2026, 5, 2)
        )
    # After the quarter: must not count.
    CheckInFactory(pairing=pairs[15], met_on=date(2026, 7, 3))
    return outcomes.outcomes_report(Q2)


def _values(report) -> dict[tuple[str, str], str]:
    return {
        (section.title, row.label): row.value for section in report.sections for row in section.rows
    }


def test_the_seeded_quarter_gives_the_known_answers(seeded):
    values = _values(seeded)
    assert values[("Training", "Mentors who started training")] == "12"
    assert values[("Training", "Certified")] == "12"
    assert values[("Training", "Median days from start to certificate")] == "5 days"
    assert values[("Certificates", "Issued")] == "12"
    assert values[("Certificates", "Revoked")] == cells.SMALL  # 2
    quiz_rows = [v for (section, _), v in values.items() if section == "Quiz pass rates by module"]
    assert "first try 100%; overall 100%" in quiz_rows
    # Quiz 2 in Q2: 12 first tries, 8 passed (small: hidden); 16 attempts, 4 failed (hidden).
    assert f"first try {cells.HIDDEN}; overall {cells.HIDDEN}" in quiz_rows
    assert values[("Pairs", "Started")] == "16"
    assert values[("Pairs ended, by reason", "Goals of the pairing met")] == cells.HIDDEN
    assert values[("Pairs ended, by reason", "The mentee asked to end it")] == cells.SMALL
    assert values[("Pairs ended, by reason", "All pairs ended")] == "15"
    assert values[("Check-ins and concerns", "Check-ins held")] == "24"
    assert values[("Check-ins and concerns", "Median days between check-ins")] == "14 days"
    assert values[("Mentee feedback", "Meetings rated")] == "24"
    assert values[("Mentee feedback", "Average rating")] == "4.5 out of 5"
    assert values[("Milestones reached", "30 days together")] == "12"


def test_no_count_from_one_to_ten_appears_anywhere_in_the_report(seeded):
    for (section, label), value in _values(seeded).items():
        for number in re.findall(r"(?<![\d.,])\d[\d,]*(?![\d%.,])", value.split(" days")[0]):
            count = int(number.replace(",", ""))
            if "rating" in label or "Median" in label:
                continue  # not counts
            assert not cells.is_small(count), (section, label, value)


def test_the_report_names_no_one(seeded):
    text = str(_values(seeded))
    for user in UserFactory._meta.model.objects.all():
        assert user.email not in text
        if user.last_name:
            assert user.last_name not in text


# ----------------------------------------------------------------------------- the pages


def test_coordinators_read_download_and_print_the_report(client, coordinator, seeded):
    client.force_login(coordinator)
    page = client.get(reverse("credentials:outcomes"), {"quarter": "2026-Q2"})
    assert page.status_code == 200
    assert "2026-Q2 (April 1 to June 30, 2026)" in page.content.decode()
    exported = client.get(reverse("credentials:outcomes_csv"), {"quarter": "2026-Q2"})
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["Section", "Measure", "Value"]
    assert ["Certificates", "Revoked", "<11"] in rows
    assert exported["Content-Disposition"] == 'attachment; filename="outcomes-2026-Q2.csv"'
    printed = client.get(reverse("credentials:outcomes_pdf"), {"quarter": "2026-Q2"})
    assert printed.content.startswith(b"%PDF")


@pytest.mark.parametrize("quarter", ["2999-Q1", "2026-Q9", "<script>", "2026-Q2'--"])
def test_a_bad_or_future_quarter_is_a_clear_400(client, coordinator, quarter, db):
    client.force_login(coordinator)
    response = client.get(reverse("credentials:outcomes"), {"quarter": quarter})
    assert response.status_code == 400
    assert "quarter" in response.content.decode().lower()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_only_coordinators_open_the_report(client, mentor, db):
    client.force_login(mentor)
    assert client.get(reverse("credentials:outcomes")).status_code == 403


def test_charts_draw_only_the_counts_that_are_shown(seeded):
    by_title = {section.title: section for section in seeded.sections}
    milestones = by_title["Milestones reached"]
    # One shown count (12 at 30 days): no chart for a single bar.
    assert milestones.chart is None
    ended = by_title["Pairs ended, by reason"]
    assert ended.bars == []  # both reasons hidden: nothing to draw
    section = outcomes.Section("Test")
    outcomes._group_section(section, {"aa": 20, "bb": 30, "cc": 40, "dd": 4}, total_label="All")
    chart = str(section.chart)
    assert chart.startswith("<svg") and 'role="img"' in chart
    assert [bar.label for bar in section.bars] == ["bb", "cc"]  # dd small, aa hidden with it
    assert ">aa<" not in chart and ">dd<" not in chart
