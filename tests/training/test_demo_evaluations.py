"""Demo data for the provider pack: the shipped track PCB-approved with an evaluation form, three
learners who evaluated it (their certificates issued), one still to send it, and the earlier demo
holders' certificates untouched. Loading twice changes nothing."""

from django.core.management import call_command
from django.urls import reverse

import pytest

from content.models import ProgramSettings
from credentials.models import Certificate
from lms.accounts.models import User
from lms.training.demo import (
    DEMO_COHORT_SIZE,
    DEMO_COHORT_STOPPED,
    DEMO_EVALUATORS,
    DEMO_PROVIDER_NUMBER,
    DEMO_QUESTIONS,
)
from lms.training.models import TrackCompletion, TrackEvaluation, TrackPage
from lms.training.selectors import evaluations_pending

pytestmark = pytest.mark.django_db

COHORT_EVALUATED = DEMO_COHORT_SIZE - DEMO_COHORT_STOPPED  # last quarter's (test_demo_cohort.py)


def test_the_demo_track_is_approved_with_questions_and_evaluations(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    track = TrackPage.objects.live().order_by("path").first()
    assert track.has_pcb_approval_record
    assert ProgramSettings.provider_number() == DEMO_PROVIDER_NUMBER
    assert [q.prompt for q in track.evaluation_questions.order_by("sort_order")] == [
        prompt for prompt, _, _ in DEMO_QUESTIONS
    ]
    # The questions are in the live revision, so publishing it again keeps them.
    assert track.live_revision.as_object().evaluation_questions.count() == len(DEMO_QUESTIONS)
    evaluators = [email for email, *_ in DEMO_EVALUATORS]
    this_quarter = TrackEvaluation.objects.exclude(user__email__startswith="cohort.")
    assert set(this_quarter.values_list("user__email", flat=True)) == set(evaluators)
    for email in evaluators:
        assert Certificate.objects.filter(holder__email=email, track=track).exists()
    jordan = TrackCompletion.objects.get(user__email="jordan.mentor@example.org")
    assert jordan.evaluation_required
    assert evaluations_pending(user=jordan.user) == {track.pk}
    assert not Certificate.objects.filter(holder=jordan.user).exists()
    for earlier in ("alex.mentor@example.org", "taylor.mentor@example.org"):
        assert not TrackCompletion.objects.get(user__email=earlier).evaluation_required
        assert Certificate.objects.filter(holder__email=earlier).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert TrackEvaluation.objects.count() == len(DEMO_EVALUATORS) + COHORT_EVALUATED
    assert Certificate.objects.filter(track=track).count() == (
        len(DEMO_EVALUATORS) + 2 + COHORT_EVALUATED
    )

    client.force_login(User.objects.get(email="coordinator@example.org"))
    content = client.get(reverse("provider_pack", kwargs={"track_id": track.pk})).content.decode()
    assert f"{3 + COHORT_EVALUATED} evaluations received" in content
    # Objectives: 5, 4, 4 from this quarter's three, and six 5s and six 4s from last quarter's.
    assert "average 4.5 out of 5" in content
    assert "The role plays on boundaries." in content
