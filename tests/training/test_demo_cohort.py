"""Demo data for last quarter: a cohort of fourteen mentors trained, and six of them mentoring,
through the real services at the days they did each thing, so the quarter's outcomes report and
PCB participant list have figures above the small-cell rule. Loading twice changes nothing."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from credentials import outcomes
from credentials import outcomes_rules as cells
from credentials.models import Certificate
from lms.accounts.models import User
from lms.common.quarters import Quarter
from lms.mentorship import selectors
from lms.mentorship.demo import COHORT_PAIRS
from lms.mentorship.models import CheckIn, MeetingFeedback, Pairing
from lms.training.admin.participants import participant_rows
from lms.training.demo import DEMO_COHORT_SIZE, DEMO_COHORT_STOPPED, cohort_email
from lms.training.models import ModulePage, TrackCompletion, TrackEvaluation, TrackPage

pytestmark = pytest.mark.django_db

COMPLETED = DEMO_COHORT_SIZE - DEMO_COHORT_STOPPED


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    return Quarter.containing(timezone.localdate()).previous


def _rows(report) -> dict[tuple[str, str], str]:
    return {
        (section.title, row.label): row.value for section in report.sections for row in section.rows
    }


def test_last_quarter_reports_the_cohort_with_figures_above_the_small_cell_rule(loaded):
    rows = _rows(outcomes.outcomes_report(loaded))
    assert rows[("Training", "Mentors who started training")] == str(DEMO_COHORT_SIZE)
    assert rows[("Training", "Completed the track")] == str(COMPLETED)
    assert rows[("Training", "Certified")] == str(COMPLETED)
    # Ten modules of four days after the first, and a day more for six who failed a quiz once.
    assert rows[("Training", "Median days from start to certificate")] == "40.5 days"
    passed = {label: value for (title, label), value in rows.items() if label.startswith("Passed")}
    assert sorted(passed.values()) == sorted(["14"] * 5 + ["12"] * 6)
    # In course order, as the learners met them (and the pass rates too).
    in_order = list(ModulePage.objects.live().order_by("path").values_list("title", flat=True))
    assert [label.removeprefix("Passed: ") for label in passed] == in_order
    rates_in = [label for (title, label) in rows if title == "Quiz pass rates by module"]
    assert rates_in == in_order
    assert rows[("Certificates", "Issued")] == str(COMPLETED)
    # A module nobody failed shows its rate; one that four failed first hides it (4 is small).
    rates = [value for (title, _), value in rows.items() if title == "Quiz pass rates by module"]
    assert "first try 100%; overall 100%" in rates
    assert f"first try {cells.HIDDEN}; overall {cells.HIDDEN}" in rates
    # Six pairs met weekly and ended within the quarter: the check-ins and ratings are shown,
    # the six pairs and their one concern are not.
    checkins = CheckIn.objects.filter(pairing__mentee__email__startswith="cohort.")
    ratings = list(
        MeetingFeedback.objects.filter(checkin__in=checkins).values_list("rating", flat=True)
    )
    assert checkins.count() >= 11 and len(ratings) >= 11
    assert rows[("Check-ins and concerns", "Check-ins held")] == str(checkins.count())
    assert rows[("Check-ins and concerns", "Median days between check-ins")] == "7 days"
    assert rows[("Mentee feedback", "Meetings rated")] == str(len(ratings))
    assert (
        rows[("Mentee feedback", "Average rating")] == f"{sum(ratings) / len(ratings):.1f} out of 5"
    )
    assert rows[("Pairs", "Started")] == cells.SMALL
    assert rows[("Check-ins and concerns", "Concerns raised")] == cells.SMALL
    counts = {key: value for key, value in rows.items() if value.replace(",", "").isdigit()}
    assert len(counts) >= 20
    for key, value in counts.items():
        assert not cells.is_small(int(value.replace(",", ""))), key


def test_last_quarters_pairs_ended_and_their_mentees_are_off_todays_lists(loaded):
    pairs = Pairing.objects.filter(mentee__email__startswith="cohort.")
    assert pairs.count() == len(COHORT_PAIRS)
    for pairing in pairs:
        assert loaded.first_day <= pairing.paired_on < pairing.ended_on <= loaded.last_day
        assert not pairing.mentee.is_active and not pairing.mentee.has_usable_password()
        assert pairing.mentee.last_name == ""  # first names only
    listed = {row.user.email for row in selectors.mentee_rows()}
    assert not any(email.startswith("cohort.") for email in listed)


def test_the_cohort_is_on_last_quarters_participant_list_with_evaluations_and_certificates(
    loaded,
):
    track = TrackPage.objects.live().order_by("path").first()
    rows = participant_rows(quarter=loaded, tracks=[track])
    emails = {row.email for row in rows}
    assert emails == {cohort_email(n) for n in range(1, COMPLETED + 1)}
    first, last = loaded.first_day, loaded.last_day
    for completion in TrackCompletion.objects.filter(user__email__in=emails):
        completed_on = timezone.localdate(completion.completed_at)
        assert first <= completed_on <= last
        assert completion.evaluation_required
        evaluation = TrackEvaluation.objects.get(user=completion.user, track=track)
        assert completion.completed_at < evaluation.submitted_at
        assert timezone.localdate(evaluation.submitted_at) <= last
        certificate = Certificate.objects.get(holder=completion.user)
        assert certificate.issued_on == completed_on
    # The two who stopped part-way: no completion, no certificate.
    stopped = [cohort_email(n) for n in range(COMPLETED + 1, DEMO_COHORT_SIZE + 1)]
    assert not TrackCompletion.objects.filter(user__email__in=stopped).exists()
    assert track.pcb_approved_on <= first - timedelta(days=1)


def test_the_cohort_cannot_sign_in_and_loading_again_adds_nothing(
    loaded, django_capture_on_commit_callbacks
):
    assert not User.objects.get(email=cohort_email(1)).has_usable_password()
    counts = (TrackCompletion.objects.count(), Certificate.objects.count(), CheckIn.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert (
        TrackCompletion.objects.count(),
        Certificate.objects.count(),
        CheckIn.objects.count(),
    ) == counts
