"""Selection: only approved or active mentors are candidates; each move of an application is
made by a coordinator with a reason and kept with its author; the pipeline refuses skips."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship import applications, selection, services
from lms.mentorship.choices import ApplicationStage as S
from lms.mentorship.choices import Recommendation, TimeInRecovery
from lms.mentorship.models import ApplicationDecision, MentorApplication, RubricCriterion
from lms.mentorship.notices import FORBIDDEN_WORDS
from lms.mentorship.scoring import NOT_APPROVED
from lms.mentorship.selectors import mentor_candidates
from tests.mentorship.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    complete_training,
)

pytestmark = pytest.mark.django_db


def candidate_ids(profile):
    return {score.mentor.id for score in mentor_candidates(profile=profile).ranked}


@pytest.fixture
def applicant(make_user):
    """A trained mentor account with a consented profile who has only applied."""
    user = make_user(Role.MENTOR, first_name="Casey")
    MentorProfileFactory(user=user, approved=False)
    complete_training(user)
    applications.application_submit(user=user, data={"time_in_recovery": TimeInRecovery.Y3_TO_5Y})
    return user


def walk(application, stages, *, by):
    for stage in stages:
        applications.application_move(
            application=application, to_stage=stage, reason=f"Ready for {stage}", by=by
        )
        application.refresh_from_db()


# --- Eligibility ----------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [S.APPLIED, S.INTERVIEW, S.IN_TRAINING, S.PAUSED, S.WITHDRAWN])
def test_an_applicant_not_approved_is_no_candidate_even_when_trained(applicant, stage):
    MentorApplication.objects.filter(user=applicant).update(stage=stage)
    mentee = MenteeProfileFactory()
    assert applicant.pk not in candidate_ids(mentee)
    ineligible = {f.id: p for f, p in mentor_candidates(profile=mentee).ineligible}
    assert NOT_APPROVED in ineligible[applicant.pk]


@pytest.mark.parametrize("stage", [S.APPROVED, S.ACTIVE])
def test_an_approved_or_active_mentor_is_a_candidate(applicant, stage):
    MentorApplication.objects.filter(user=applicant).update(stage=stage)
    assert applicant.pk in candidate_ids(MenteeProfileFactory())


def test_a_mentor_account_that_never_applied_is_no_candidate(make_user):
    user = make_user(Role.MENTOR)
    MentorProfileFactory(user=user, approved=False)
    complete_training(user)
    assert user.pk not in candidate_ids(MenteeProfileFactory())


def test_pairing_an_unapproved_applicant_is_refused_by_the_service(applicant, coordinator):
    mentee = MenteeProfileFactory()
    with pytest.raises(ValidationError, match="not approved"):
        services.pairing_confirm(mentee=mentee.user, mentor=applicant, by=coordinator)


def test_pausing_an_active_mentor_takes_them_off_the_candidates_at_once(applicant, coordinator):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW, S.IN_TRAINING, S.APPROVED, S.ACTIVE], by=coordinator)
    mentee = MenteeProfileFactory()
    assert applicant.pk in candidate_ids(mentee)
    walk(application, [S.PAUSED], by=coordinator)
    assert applicant.pk not in candidate_ids(mentee)
    walk(application, [S.ACTIVE], by=coordinator)  # resumes where it was paused
    assert applicant.pk in candidate_ids(mentee)


def test_mentors_made_by_the_factory_stay_eligible_as_existing_mentors_do(make_user):
    mentor = make_user(Role.MENTOR)
    MentorProfileFactory(user=mentor)
    complete_training(mentor)
    assert mentor.mentor_application.stage == S.ACTIVE
    assert mentor.pk in candidate_ids(MenteeProfileFactory())


# --- The pipeline ---------------------------------------------------------------------------


def test_each_decision_is_kept_with_its_author_and_reason(applicant, coordinator):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW, S.IN_TRAINING], by=coordinator)
    rows = list(application.decisions.order_by("decided_at", "pk"))
    assert [(r.from_stage, r.to_stage) for r in rows] == [
        ("", S.APPLIED),
        (S.APPLIED, S.INTERVIEW),
        (S.INTERVIEW, S.IN_TRAINING),
    ]
    assert rows[1].decided_by == coordinator
    assert rows[1].decided_by_email == coordinator.email
    assert rows[2].reason == "Ready for in_training"


def test_a_move_without_a_reason_is_refused_and_nothing_is_kept(applicant, coordinator):
    application = applicant.mentor_application
    with pytest.raises(ValidationError) as error:
        applications.application_move(
            application=application, to_stage=S.INTERVIEW, reason="   ", by=coordinator
        )
    assert selection.REASON_NEEDED in error.value.messages
    assert ApplicationDecision.objects.filter(application=application).count() == 1


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.APPLIED, S.APPROVED),
        (S.APPLIED, S.ACTIVE),
        (S.INTERVIEW, S.ACTIVE),
        (S.IN_TRAINING, S.ACTIVE),
        (S.WITHDRAWN, S.ACTIVE),
        (S.ACTIVE, S.APPLIED),
    ],
)
def test_skipping_a_stage_is_refused(applicant, coordinator, start, target):
    MentorApplication.objects.filter(user=applicant).update(stage=start)
    with pytest.raises(ValidationError):
        applications.application_move(
            application=applicant.mentor_application, to_stage=target, reason="x", by=coordinator
        )
    assert MentorApplication.objects.get(user=applicant).stage == start


def test_a_paused_application_resumes_only_where_it_was(applicant, coordinator):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW, S.PAUSED], by=coordinator)
    with pytest.raises(ValidationError, match="resumes at the stage"):
        applications.application_move(
            application=application, to_stage=S.APPROVED, reason="x", by=coordinator
        )
    walk(application, [S.INTERVIEW], by=coordinator)
    assert application.stage == S.INTERVIEW


def test_an_unknown_stage_is_refused_cleanly(applicant, coordinator):
    with pytest.raises(ValueError):
        applications.application_move(
            application=applicant.mentor_application, to_stage="boss", reason="x", by=coordinator
        )


def test_the_applicant_gets_one_neutral_mail_per_decision(
    applicant, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    application = applicant.mentor_application
    for stage in (S.INTERVIEW, S.WITHDRAWN):
        with django_capture_on_commit_callbacks(execute=True):
            applications.application_move(
                application=application, to_stage=stage, reason="Decided", by=coordinator
            )
        application.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[applicant.email]] * 2
    for message in mail.outbox:
        text = (message.subject + message.body).lower()
        assert not any(word in text for word in FORBIDDEN_WORDS)
        # The stage and the reason are on the page behind sign-in, not in the mail.
        assert "withdraw" not in text and "decided" not in text


def test_applying_twice_is_refused(applicant):
    with pytest.raises(ValidationError, match="already applied"):
        applications.application_submit(
            user=applicant, data={"time_in_recovery": TimeInRecovery.UNDER_1Y}
        )


def test_only_a_mentor_account_can_apply(mentee):
    with pytest.raises(ValidationError, match="Only a mentor account"):
        applications.application_submit(
            user=mentee, data={"time_in_recovery": TimeInRecovery.UNDER_1Y}
        )


# --- Interviews -----------------------------------------------------------------------------


def full_scores(score=3):
    return {c.pk: (score, "Fine") for c in RubricCriterion.objects.active()}


def test_the_rubric_is_seeded_with_the_five_criteria():
    assert list(RubricCriterion.objects.active().values_list("name", flat=True)) == [
        "Active listening",
        "Boundaries",
        "Clarity",
        "Empathy",
        "Trauma-informed language",
    ]


def test_an_interview_keeps_a_score_per_criterion(applicant, coordinator):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW], by=coordinator)
    interview = applications.interview_record(
        application=application,
        held_on=timezone.localdate(),
        recommendation=Recommendation.RECOMMEND,
        scores=full_scores(4),
        by=coordinator,
    )
    assert interview.scores.count() == 5
    assert {s.score for s in interview.scores.all()} == {4}


@pytest.mark.parametrize("bad", [0, 5, -1, 99])
def test_a_score_outside_1_to_4_is_refused(applicant, coordinator, bad):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW], by=coordinator)
    scores = full_scores()
    scores[next(iter(scores))] = (bad, "")
    with pytest.raises(ValidationError, match="from 1 to 4"):
        applications.interview_record(
            application=application,
            held_on=timezone.localdate(),
            recommendation=Recommendation.RECOMMEND,
            scores=scores,
            by=coordinator,
        )


def test_a_missing_criterion_or_a_future_date_is_refused(applicant, coordinator):
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW], by=coordinator)
    scores = full_scores()
    scores.pop(next(iter(scores)))
    with pytest.raises(ValidationError, match="every criterion"):
        applications.interview_record(
            application=application,
            held_on=timezone.localdate(),
            recommendation=Recommendation.RECOMMEND,
            scores=scores,
            by=coordinator,
        )
    with pytest.raises(ValidationError, match="future"):
        applications.interview_record(
            application=application,
            held_on=timezone.localdate() + timedelta(days=1),
            recommendation=Recommendation.RECOMMEND,
            scores=full_scores(),
            by=coordinator,
        )


def test_a_criterion_coordinators_add_is_scored_from_then_on(applicant, coordinator):
    RubricCriterion.objects.create(name="Cultural humility", sort_order=99)
    application = applicant.mentor_application
    walk(application, [S.INTERVIEW], by=coordinator)
    interview = applications.interview_record(
        application=application,
        held_on=timezone.localdate(),
        recommendation=Recommendation.NOT_YET,
        scores=full_scores(2),
        by=coordinator,
    )
    assert "Cultural humility" in {s.criterion_name for s in interview.scores.all()}


# --- The board ------------------------------------------------------------------------------


def test_the_board_counts_each_stage_and_lists_longest_waiting_first(make_user, coordinator):
    now = timezone.now()
    users = [make_user(Role.MENTOR) for _ in range(3)]
    for days, user in zip((2, 9, 5), users, strict=True):
        applications.application_submit(
            user=user,
            data={"time_in_recovery": TimeInRecovery.OVER_5Y},
            now=now - timedelta(days=days),
        )
    board = {column.stage: column for column in applications.application_board()}
    assert board[S.APPLIED].count == 3
    assert [a.user for a in board[S.APPLIED].applications] == [users[1], users[2], users[0]]
    assert board[S.ACTIVE].count == 0
