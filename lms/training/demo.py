"""Demo training records (development only): one learner part-way through the track; the track as
PCB-approved with its evaluation form, learners who evaluated it and one who has not yet; and last
quarter's cohort, so the quarter's reports have counts above the small-cell rule."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from lms.accounts.demo import demo_user_without_sign_in
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.quarters import Quarter
from lms.training import services as training
from lms.training.choices import EvaluationKind
from lms.training.models import (
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackEvaluation,
    TrackEvaluationQuestion,
    TrackPage,
)

DEMO_LEARNER = "mentor2@example.org"


def load(*, password: str) -> list[tuple[str, str]]:
    """Demo progress for the second demo mentor: three modules passed, the fourth failed once."""
    learner = User.objects.filter(email=DEMO_LEARNER).first()
    if learner is not None:
        demo_progress(user=learner, passed=3, failed=1)
    return []


def demo_progress(*, user, passed: int | None = None, failed: int = 0) -> None:
    """Take the first `passed` module quizzes (all when None) with right answers and fail the
    next `failed`.

    Runs the real services, so the demo learner's records are what a learner would leave.
    Does nothing once the learner has any attempt.
    """
    if QuizAttempt.objects.filter(user=user).exists():
        return
    quizzes = _track_quizzes()
    if passed is None:
        passed = len(quizzes)
    for index, quiz in enumerate(quizzes[: passed + failed]):
        _take_quiz(user=user, quiz=quiz, right=index < passed)


def _track_quizzes() -> list[QuizPage]:
    track = TrackPage.objects.live().order_by("path").first()
    if track is None:
        return []
    return list(QuizPage.objects.descendant_of(track).live().order_by("path"))


def _take_quiz(*, user, quiz: QuizPage, right: bool, now=None) -> bool:
    """Start and submit one attempt at `quiz`, all right or all wrong, at `now`; whether it
    passed."""
    attempt = training.quiz_attempt_start(user=user, quiz=quiz, now=now)
    questions = training.attempt_questions(attempt)
    answers = {
        q.id: sorted(q.correct_ids) if right else [next(c.id for c in q.choices if not c.correct)]
        for q in questions
    }
    attempt, result = training.quiz_attempt_submit(
        user=user, quiz=quiz, attempt_id=attempt.pk, answers=answers, now=now
    )
    return result.passed


# ----------------------------------------------------------------------------- PCB provider pack

DEMO_PROVIDER_NUMBER = "DEMO-PROVIDER-0417"
DEMO_APPROVAL_NUMBER = "DEMO-PCB-2026-0142"
# Approved a month before last quarter began, so last quarter's cohort completed an approved track.
DEMO_APPROVED_DAYS_BEFORE_LAST_QUARTER = 31
# (prompt, kind, required): a post-training evaluation of the kind PCB asks an approved
# provider to give; editors change it on the track page.
DEMO_QUESTIONS = [
    ("The training met its stated learning objectives.", EvaluationKind.RATING, True),
    ("What I learned will be useful in my work as a peer mentor.", EvaluationKind.RATING, True),
    ("The material was clear and well organized.", EvaluationKind.RATING, True),
    ("The hours listed matched the time the training took me.", EvaluationKind.RATING, True),
    ("I would recommend this training to other peer mentors.", EvaluationKind.RATING, True),
    ("What was the most useful part of the training?", EvaluationKind.TEXT, False),
    ("What would you change or add?", EvaluationKind.TEXT, False),
]
# Learners who complete the approved track and evaluate it: (email, first, last, ratings, texts).
DEMO_EVALUATORS = [
    ("sam.mentor@example.org", "Sam", "Okafor", (5, 5, 4, 4, 5),
     ("The role plays on boundaries.", "More examples from rural programs.")),
    ("riley.mentor@example.org", "Riley", "Chen", (4, 5, 5, 3, 4),
     ("Knowing when to bring in clinical staff.", "")),
    ("morgan.mentor@example.org", "Morgan", "Diaz", (4, 4, 4, 4, 4),
     ("", "A printable summary of each module.")),
]  # fmt: skip
# Completes the track and has not yet sent the evaluation: their certificate waits for it.
DEMO_EVALUATION_PENDING = ("jordan.mentor@example.org", "Jordan", "Ellis")


def _approve_and_ask(track: TrackPage, *, today) -> None:
    """Give the demo track a PCB approval record and evaluation questions, published as one
    revision (so a later publish keeps them); nothing changes once they are there."""
    changed = False
    if not track.has_pcb_approval_record:
        modules = ModulePage.objects.child_of(track).live()
        track.pcb_approved_title = track.title
        track.pcb_approved_hours = sum((m.hours for m in modules), Decimal(0))
        track.pcb_approval_number = DEMO_APPROVAL_NUMBER
        track.pcb_approved_on = Quarter.containing(today).previous.first_day - timedelta(
            days=DEMO_APPROVED_DAYS_BEFORE_LAST_QUARTER
        )
        changed = True
    if not track.evaluation_questions.exists():
        track.evaluation_questions = [
            TrackEvaluationQuestion(prompt=prompt, kind=kind, required=required, sort_order=n)
            for n, (prompt, kind, required) in enumerate(DEMO_QUESTIONS)
        ]
        changed = True
    if changed:
        track.save_revision(log_action=True).publish()


def load_evaluations(*, password: str) -> list[tuple[str, str]]:
    """The demo track as PCB-approved, with the program's provider number, an evaluation form,
    three learners' evaluations (their certificates follow) and one learner still to send it.

    Runs last: the demo learners who completed the track earlier in the load did so before it
    had questions, so their certificates are issued without one (docs/decisions/0151).
    """
    from wagtail.models import Site

    from content.models import ProgramSettings
    from lms.accounts.demo import demo_user
    from lms.accounts.roles import Role

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        program = ProgramSettings.for_site(site)
        if not program.pcb_provider_number:
            program.pcb_provider_number = DEMO_PROVIDER_NUMBER
            program.save()
    track = TrackPage.objects.live().order_by("path").first()
    if track is None:
        return []
    _approve_and_ask(track, today=timezone.localdate())
    track = TrackPage.objects.get(pk=track.pk)  # the published questions, with their ids
    questions = training.evaluation_questions(track)
    rows = []
    for email, first, last, ratings, texts in DEMO_EVALUATORS:
        learner = demo_user(
            email=email, first_name=first, last_name=last, role=Role.MENTOR, password=password
        )
        demo_progress(user=learner)
        values = [str(r) for r in ratings] + list(texts)
        if not TrackEvaluation.objects.filter(user=learner, track=track).exists():
            training.track_evaluation_submit(
                user=learner,
                track=track,
                answers={f"q-{q.id}": value for q, value in zip(questions, values, strict=False)},
            )
        rows.append((email, "Mentor, track done and evaluated"))
    email, first, last = DEMO_EVALUATION_PENDING
    learner = demo_user(
        email=email, first_name=first, last_name=last, role=Role.MENTOR, password=password
    )
    demo_progress(user=learner)
    rows.append((email, "Mentor, track done, evaluation to send"))
    return rows


# -------------------------------------------------------------------------- last quarter's cohort

# Fourteen mentors who trained last quarter (first names only, no sign-in: they stand for a
# cohort in the quarter's reports). Each starts in the quarter's first month and takes a module
# every four days; some fail a quiz once and pass it the next day; the last two stop part-way.
DEMO_COHORT_SIZE = 14
DEMO_COHORT_STOPPED = 2  # the last two pass 5 of the modules and go no further
DEMO_COHORT_STOPPED_AFTER = 5
DEMO_COHORT_NAMES = [
    "Ash", "Bailey", "Charlie", "Dakota", "Ellis", "Frankie", "Harper",
    "Jamie", "Kendall", "Logan", "Micah", "Noel", "Parker", "Quinn",
]  # fmt: skip
DEMO_COHORT_RATINGS = [(5, 5, 4, 4, 5), (4, 4, 4, 3, 4), (5, 4, 5, 4, 5), (4, 5, 3, 4, 4)]


def cohort_email(number: int) -> str:
    return f"cohort.mentor{number:02d}@example.org"


def _cohort_at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _fails(index: int, module: int) -> bool:
    """Whether cohort learner `index` fails module `module`'s quiz once before passing it."""
    return (module == 2 and index % 4 == 0) or (module == 6 and index % 5 == 1)


def load_cohort(*, password: str) -> list[tuple[str, str]]:
    """Last quarter's cohort, through the real services at the days it did each thing: first
    attempts, quiz failures and passes, track completions, evaluations and (from them) the
    certificates, dated the day the track was completed.

    Runs after load_evaluations (the cohort evaluates the approved track). Nothing changes once
    the cohort's first learner exists.
    """
    track = TrackPage.objects.live().order_by("path").first()
    quizzes = _track_quizzes()
    if track is None or not quizzes or User.objects.filter(email=cohort_email(1)).exists():
        return []
    quarter = Quarter.containing(timezone.localdate()).previous
    questions = training.evaluation_questions(track)
    for index, name in enumerate(DEMO_COHORT_NAMES[:DEMO_COHORT_SIZE]):
        learner = demo_user_without_sign_in(
            email=cohort_email(index + 1), first_name=name, last_name="Cohort", role=Role.MENTOR
        )
        stops = index >= DEMO_COHORT_SIZE - DEMO_COHORT_STOPPED
        day = quarter.first_day + timedelta(days=3 + 2 * index)
        for module, quiz in enumerate(quizzes):
            if stops and module == DEMO_COHORT_STOPPED_AFTER:
                break
            if _fails(index, module):
                _take_quiz(user=learner, quiz=quiz, right=False, now=_cohort_at(day, 19))
                day += timedelta(days=1)
            _take_quiz(user=learner, quiz=quiz, right=True, now=_cohort_at(day, 19))
            day += timedelta(days=4)
        if stops or not questions:
            continue
        ratings = DEMO_COHORT_RATINGS[index % len(DEMO_COHORT_RATINGS)]
        values = [str(rating) for rating in ratings]
        training.track_evaluation_submit(
            user=learner,
            track=track,
            answers={f"q-{q.id}": value for q, value in zip(questions, values, strict=False)},
            now=_cohort_at(day - timedelta(days=3), 20),
        )
    return [(cohort_email(1), f"Mentor, 1 of {DEMO_COHORT_SIZE} trained in {quarter}, no sign-in")]
