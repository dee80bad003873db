"""Demo accounts for local use: one per role and a superuser, all with DEMO_PASSWORD.

Never loaded by production settings (DEMO_DATA_ENABLED is False there).
"""

from lms.models import User
from lms.roles import Role
from lms.services.accounts import user_add_role

DEMO_ACCOUNTS = [
    ("mentor@example.org", "Morgan", "Reyes", Role.MENTOR),
    ("mentor2@example.org", "Jordan", "Lee", Role.MENTOR),
    ("mentee@example.org", "Sam", "", Role.MENTEE),
    ("recruiter@example.org", "Riley", "Chen", Role.RECRUITER),
    ("editor@example.org", "Eden", "Okafor", Role.EDITOR),
    ("coordinator@example.org", "Casey", "Novak", Role.COORDINATOR),
]
DEMO_SUPERUSER = "admin@example.org"


def demo_user(*, email: str, first_name: str, last_name: str, role: str | None, password: str):
    """Create the account once; later runs only keep its password and role in step."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "is_active": True},
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    if role is not None:
        user_add_role(user=user, role=role)
    return user


def load(*, password: str) -> list[tuple[str, str]]:
    """Create the demo accounts; returns (email, role) pairs for the console."""
    rows = []
    for email, first, last, role in DEMO_ACCOUNTS:
        demo_user(email=email, first_name=first, last_name=last, role=role, password=password)
        rows.append((email, role.value))
    admin, created = User.objects.get_or_create(
        email=DEMO_SUPERUSER,
        defaults={"first_name": "Admin", "is_staff": True, "is_superuser": True},
    )
    if created or not admin.check_password(password):
        admin.set_password(password)
        admin.save()
    rows.append((DEMO_SUPERUSER, "Superuser"))
    demo_progress(user=User.objects.get(email="mentor2@example.org"), passed=3, failed=1)
    return rows


def demo_progress(*, user, passed: int, failed: int) -> None:
    """Take the first `passed` module quizzes with right answers and fail the next one.

    Runs the real services, so the demo learner's records are what a learner would leave.
    Does nothing once the learner has any attempt.
    """
    from lms.models import QuizAttempt, QuizPage, TrackPage
    from lms.services import training

    if QuizAttempt.objects.filter(user=user).exists():
        return
    track = TrackPage.objects.live().order_by("path").first()
    if track is None:
        return
    quizzes = list(QuizPage.objects.descendant_of(track).live().order_by("path"))
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
