"""Writes of the learning engine: starting and submitting quiz attempts, completions, grants.

Every write that counts attempts or records completion locks the learner's user row first, so
two tabs or a double click are serialized; unique constraints back this up in the database.
A write that is refused raises ValidationError with one of the codes below.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.actions.move_page import MovePageAction

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.quarters import Quarter
from lms.training import evaluation, grading
from lms.training.caches import learner_completions_changed, revision_questions
from lms.training.choices import ReviewAnswers
from lms.training.models import (
    LessonPage,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizAttemptGrant,
    QuizPage,
    TrackCompletion,
    TrackEvaluation,
    TrackPage,
)
from lms.training.questions import quiz_questions
from lms.training.signals import module_completed, track_completed, track_evaluated

QUIZ_PASSED = "You have passed this quiz."
QUIZ_NO_ATTEMPTS = "You have used all your attempts at this quiz."
QUIZ_COOLING_DOWN = "You can try again after a short break."
QUIZ_EMPTY = "This quiz has no questions yet."
ATTEMPT_NOT_FOUND = "That attempt does not exist or is not yours."

# ValidationError codes: why no attempt can start now (the quiz is "closed"), or why a
# submission was refused.
CLOSED_PASSED, CLOSED_NO_ATTEMPTS, CLOSED_COOLING_DOWN, CLOSED_EMPTY = (
    "passed",
    "no_attempts",
    "cooling_down",
    "empty",
)
CLOSED_CODES = (CLOSED_PASSED, CLOSED_NO_ATTEMPTS, CLOSED_COOLING_DOWN, CLOSED_EMPTY)
REFUSED_NOT_FOUND, REFUSED_BAD_ANSWERS, REFUSED_MISSING = "not_found", "bad_answers", "missing"


@dataclass(frozen=True)
class AttemptAllowance:
    used: int
    allowed: int | None  # None: no limit

    @property
    def left(self) -> int | None:
        return None if self.allowed is None else max(self.allowed - self.used, 0)


def _lock_learner(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def quiz_allowance(*, user: User, quiz: QuizPage) -> AttemptAllowance:
    used = QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False).count()
    if not quiz.max_attempts:
        return AttemptAllowance(used=used, allowed=None)
    extra = QuizAttemptGrant.objects.filter(user=user, quiz=quiz).aggregate(n=Sum("attempts"))["n"]
    return AttemptAllowance(used=used, allowed=quiz.max_attempts + (extra or 0))


def quiz_closed_reason(*, user: User, quiz: QuizPage, now=None) -> ValidationError | None:
    """Why no new attempt could start now (a ValidationError with a CLOSED_* code), or None."""
    try:
        _check_can_attempt(user=user, quiz=quiz, now=now or timezone.now())
    except ValidationError as closed:
        return closed
    return None


def quiz_right_answers_shown(*, user: User, quiz: QuizPage) -> bool:
    """Whether the learner's results show the right answers now (the quiz's review option)."""
    passed = ModuleCompletion.objects.filter(user=user, module_id=quiz.get_parent().pk).exists()
    return grading.right_answers_shown(
        passed=passed,
        attempts_left=quiz_allowance(user=user, quiz=quiz).left,
        after_passing_only=quiz.review_answers == ReviewAnswers.AFTER_PASSING,
    )


def _check_can_attempt(*, user, quiz, now) -> None:
    if ModuleCompletion.objects.filter(user=user, module_id=quiz.get_parent().pk).exists():
        raise ValidationError(QUIZ_PASSED, code=CLOSED_PASSED)
    allowance = quiz_allowance(user=user, quiz=quiz)
    if allowance.left == 0:
        raise ValidationError(QUIZ_NO_ATTEMPTS, code=CLOSED_NO_ATTEMPTS)
    if quiz.cooldown_minutes:
        last = (
            QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False)
            .order_by("-submitted_at")
            .values_list("submitted_at", flat=True)
            .first()
        )
        if last is not None:
            until = last + timedelta(minutes=quiz.cooldown_minutes)
            if now < until:
                raise ValidationError(
                    QUIZ_COOLING_DOWN, code=CLOSED_COOLING_DOWN, params={"until": until}
                )


def quiz_attempt_start(*, user: User, quiz: QuizPage, now=None, rng=None) -> QuizAttempt:
    """The learner's open attempt at this quiz, created (questions drawn) if there is none.

    Raises ValidationError (a CLOSED_* code) when the quiz is passed, attempts are used up, a
    cool-down runs or the quiz has no questions.
    """
    # Returning the open attempt writes nothing, so it needs no lock: one query for the page
    # a learner reloads most. Creating one locks and looks again.
    open_attempt = QuizAttempt.objects.filter(
        user=user, quiz=quiz, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        return open_attempt
    return _quiz_attempt_create(user=user, quiz=quiz, now=now, rng=rng)


@transaction.atomic
def _quiz_attempt_create(*, user: User, quiz: QuizPage, now=None, rng=None) -> QuizAttempt:
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    _lock_learner(user)
    open_attempt = QuizAttempt.objects.filter(
        user=user, quiz=quiz, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        return open_attempt
    _check_can_attempt(user=user, quiz=quiz, now=now)
    questions = grading.gradable(quiz_questions(quiz))
    if not questions:
        raise ValidationError(QUIZ_EMPTY, code=CLOSED_EMPTY)
    seen = {
        question_id
        for ids in QuizAttempt.objects.filter(user=user, quiz=quiz).values_list(
            "question_ids", flat=True
        )
        for question_id in ids
    }
    drawn = grading.draw_questions([q.id for q in questions], seen, quiz.draw_count, rng)
    by_id = {q.id: q for q in questions}
    number = (
        QuizAttempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    return QuizAttempt.objects.create(
        user=user,
        quiz=quiz,
        revision=quiz.live_revision or quiz.latest_revision,
        number=number,
        question_ids=drawn,
        choice_order={qid: grading.shuffled_choice_ids(by_id[qid], rng) for qid in drawn},
        started_at=now,
    )


def attempt_questions(attempt: QuizAttempt) -> list[grading.Question]:
    """The attempt's questions, from the revision it was taken against, in the order shown."""
    by_id = {q.id: q for q in revision_questions(attempt)}
    return [by_id[qid] for qid in attempt.question_ids if qid in by_id]


def quiz_attempt_save_draft(
    *, user: User, attempt_id: int, answers: dict[str, list[str]]
) -> QuizAttempt:
    """Keep the choices picked so far on the learner's open attempt (answered or not).

    Raises ValidationError: REFUSED_NOT_FOUND (not this learner's open attempt) or
    REFUSED_BAD_ANSWERS (a question or choice the attempt does not have).
    """
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .filter(pk=attempt_id, user=user, submitted_at__isnull=True)
            .select_related("revision")
            .first()
        )
        if attempt is None:
            raise ValidationError(ATTEMPT_NOT_FOUND, code=REFUSED_NOT_FOUND)
        try:
            valid, _missing = grading.validate_answers(attempt_questions(attempt), answers)
        except grading.AnswerError as error:
            raise ValidationError(str(error), code=REFUSED_BAD_ANSWERS) from error
        attempt.draft_answers = {qid: sorted(choice_ids) for qid, choice_ids in valid.items()}
        attempt.save(update_fields=["draft_answers"])
    return attempt


def quiz_attempt_submit(
    *, user: User, quiz: QuizPage, attempt_id: int, answers: dict[str, list[str]], now=None
) -> tuple[QuizAttempt, grading.GradeResult]:
    """Grade and record an attempt, once. A second submission returns the first result.

    Raises ValidationError: REFUSED_NOT_FOUND, REFUSED_BAD_ANSWERS (answers no browser form
    would send) or, keyed by question id, REFUSED_MISSING (unanswered questions; nothing is
    recorded). A pass completes the module.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock_learner(user)
        attempt = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .filter(pk=attempt_id, user=user, quiz=quiz)
            .select_related("revision")
            .first()
        )
        if attempt is None:
            raise ValidationError(ATTEMPT_NOT_FOUND, code=REFUSED_NOT_FOUND)
        questions = attempt_questions(attempt)
        if attempt.is_submitted:
            return attempt, grading.grade(questions, attempt.answers, quiz.pass_mark)
        try:
            valid, missing = grading.validate_answers(questions, answers)
        except grading.AnswerError as error:
            raise ValidationError(str(error), code=REFUSED_BAD_ANSWERS) from error
        if missing:
            raise ValidationError(
                {qid: ValidationError(text, code=REFUSED_MISSING) for qid, text in missing.items()}
            )
        result = grading.grade(questions, valid, quiz.pass_mark)
        attempt.answers = {qid: sorted(choice_ids) for qid, choice_ids in valid.items()}
        attempt.score = result.score
        attempt.passed = result.passed
        attempt.submitted_at = now
        attempt.save(update_fields=["answers", "score", "passed", "submitted_at"])
        if result.passed:
            module_complete(user=user, quiz=quiz, attempt=attempt, now=now)
    return attempt, result


def module_complete(*, user: User, quiz: QuizPage, attempt: QuizAttempt, now=None):
    """Record the module as completed (once) and, if it was the last, the track."""
    now = now or timezone.now()
    module = ModulePage.objects.parent_of(quiz).get()
    completion, created = ModuleCompletion.objects.get_or_create(
        user=user,
        module=module,
        defaults={
            "attempt": attempt,
            "quiz_revision_id": attempt.revision_id,
            "hours": module.hours,
            "completed_at": now,
        },
    )
    if created:
        learner_completions_changed(user)
        track = TrackPage.objects.parent_of(module).first()
        pcb_approved = track is not None and track.pcb_approval_covers(timezone.localdate(now))
        transaction.on_commit(
            lambda: module_completed.send(
                sender=ModuleCompletion,
                completion=completion,
                user=user,
                module=module,
                hours=module.hours,
                ce_topic=module.ce_topic,
                completed_at=now,
                pcb_approved=pcb_approved,
            )
        )
        if track is not None:
            track_complete_if_done(user=user, track=track, now=now)
    return completion


def track_complete_if_done(*, user: User, track: TrackPage, now=None) -> TrackCompletion | None:
    """Record the track as completed once every live module in it is completed."""
    now = now or timezone.now()
    module_ids = list(ModulePage.objects.child_of(track).live().values_list("pk", flat=True))
    completions = dict(
        ModuleCompletion.objects.filter(user=user, module_id__in=module_ids).values_list(
            "module_id", "quiz_revision_id"
        )
    )
    if not module_ids or len(completions) < len(module_ids):
        return None
    hours = ModulePage.objects.filter(pk__in=module_ids).aggregate(h=Sum("hours"))["h"]
    try:
        with transaction.atomic():
            completion, created = TrackCompletion.objects.get_or_create(
                user=user,
                track=track,
                defaults={
                    "track_revision": track.live_revision or track.latest_revision,
                    "module_revisions": {str(k): v for k, v in completions.items()},
                    "hours": hours,
                    "completed_at": now,
                    "evaluation_required": track.evaluation_questions.exists(),
                },
            )
    except IntegrityError:
        return TrackCompletion.objects.get(user=user, track=track)
    if created:
        transaction.on_commit(
            lambda: track_completed.send(
                sender=TrackCompletion,
                completion=completion,
                user=user,
                track=track,
                completed_at=now,
            )
        )
    return completion


EVALUATION_NOT_COMPLETED = "You can evaluate a training once you have completed it."
EVALUATION_ALREADY_SENT = "You have already sent your evaluation of this training. Thank you."
EVALUATION_HAS_ERRORS = "Some answers need a change. What you wrote is kept below."


def evaluation_questions(track: TrackPage) -> list[evaluation.Question]:
    """The track's evaluation questions in their order, as the learner sees them."""
    return [
        evaluation.Question(id=q.pk, prompt=q.prompt, kind=q.kind, required=q.required)
        for q in track.evaluation_questions.order_by("sort_order", "pk")
    ]


def track_evaluation_submit(
    *, user: User, track: TrackPage, answers: dict[str, str], now=None
) -> TrackEvaluation:
    """Record the learner's evaluation of a track they completed, once, and release the
    certificate (the track_evaluated signal, after commit).

    Raises ValidationError: EVALUATION_NOT_COMPLETED (code "not_completed"),
    EVALUATION_ALREADY_SENT (code "already_sent"), or a dict of messages keyed by question id.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock_learner(user)
        completion = TrackCompletion.objects.filter(user=user, track=track).first()
        if completion is None:
            raise ValidationError(EVALUATION_NOT_COMPLETED, code="not_completed")
        if TrackEvaluation.objects.filter(user=user, track=track).exists():
            raise ValidationError(EVALUATION_ALREADY_SENT, code="already_sent")
        cleaned, errors = evaluation.clean_answers(evaluation_questions(track), answers)
        if errors:
            raise ValidationError(
                {str(qid): ValidationError(text, code="invalid") for qid, text in errors.items()}
            )
        try:
            with transaction.atomic():
                record = TrackEvaluation.objects.create(
                    user=user, track=track, answers=cleaned, submitted_at=now
                )
        except IntegrityError as error:  # a second tab that got past the check above
            raise ValidationError(EVALUATION_ALREADY_SENT, code="already_sent") from error
        transaction.on_commit(
            lambda: track_evaluated.send(
                sender=TrackEvaluation,
                evaluation=record,
                completion=completion,
                user=user,
                track=track,
                submitted_at=now,
            )
        )
    return record


def quiz_attempts_grant(
    *, user: User, quiz: QuizPage, attempts: int, reason: str, granted_by: User, now=None
) -> QuizAttemptGrant:
    """A coordinator gives a learner more attempts; who and why are recorded."""
    return QuizAttemptGrant.objects.create(
        user=user,
        quiz=quiz,
        attempts=attempts,
        reason=reason.strip(),
        granted_by=granted_by,
        granted_at=now or timezone.now(),
    )


# ----------------------------------------------------------------------------- PCB reminder

PARTICIPANT_LIST_SUBJECT = "The quarterly participant list is due"


def participant_list_reminder_send(*, today: date) -> int:
    """On the first day of a quarter's last week, ask every coordinator to send PCB the
    quarter's participant list. Nothing on other days, or without a PCB-approved track.
    Returns the number of messages sent; a failure raises, so the day is tried again."""
    quarter = Quarter.containing(today)
    if today != quarter.last_day - timedelta(days=6) or not TrackPage.pcb_approved().exists():
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("lms_pcb:participants")
    body = render_to_string(
        "training/email/participant_list_due.txt",
        {"quarter": quarter, "url": f"{link}?quarter={quarter}"},
    )
    recipients = list(
        User.objects.filter(groups__name=Role.COORDINATOR, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )
    messages = [
        EmailMessage(PARTICIPANT_LIST_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [email])
        for email in recipients
    ]
    mailers.default.send_messages(messages)
    return len(messages)


def lesson_place_before_quiz(*, lesson: LessonPage, user: User | None = None) -> bool:
    """A lesson added to a module goes before the module's quiz: Wagtail adds a page last, after
    the quiz, where a learner would meet it only once the module was passed. Moved among its
    siblings (logged by Wagtail as a reorder); returns whether it moved."""
    quiz = (
        QuizPage.objects.sibling_of(lesson, inclusive=False)
        .filter(path__lt=lesson.path)
        .order_by("path")
        .first()
    )
    if quiz is None:
        return False
    # The editor may add pages here, so may order them: no separate move permission is asked.
    MovePageAction(lesson, quiz, pos="left", user=user).execute(skip_permission_checks=True)
    return True
