"""Demo training records: one learner part-way through the track (development only)."""

from lms.accounts.models import User
from lms.training import services as training
from lms.training.models import QuizAttempt, QuizPage, TrackPage

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
    track = TrackPage.objects.live().order_by("path").first()
    if track is None:
        return
    quizzes = list(QuizPage.objects.descendant_of(track).live().order_by("path"))
    if passed is None:
        passed = len(quizzes)
    for index, quiz in enumerate(quizzes[: passed + failed]):
        attempt = training.quiz_attempt_start(user=user, quiz=quiz)
        questions = training.attempt_questions(attempt)
        right = index < passed
        answers = {
            q.id: sorted(q.correct_ids)
            if right
            else [next(c.id for c in q.choices if not c.correct)]
            for q in questions
        }
        training.quiz_attempt_submit(user=user, quiz=quiz, attempt_id=attempt.pk, answers=answers)
