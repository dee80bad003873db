"""Double submissions and racing attempts, with real concurrent transactions (PostgreSQL).

On SQLite these are skipped: it serializes writers and select_for_update is a no-op there.
"""

import threading
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

from wagtail.models import Page

import pytest

from content.models import HomePage
from lms.accounts.roles import Role
from lms.training import services as training
from lms.training.models import (
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackPage,
    TrainingIndexPage,
)
from lms.training.questions import quiz_questions

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTION = {
    "type": "question",
    "value": {
        "kind": "single",
        "text": "Pick A",
        "lesson": None,
        "choices": [
            {"type": "item", "value": {"text": "A", "correct": True, "feedback": "Yes."}},
            {"type": "item", "value": {"text": "B", "correct": False, "feedback": "No."}},
        ],
    },
}


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


@pytest.fixture
def quiz():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="race-home"))
    index = home.add_child(instance=TrainingIndexPage(title="Training", slug="training"))
    track = index.add_child(
        instance=TrackPage(title="T", slug="t", summary="S", certificate_title="C")
    )
    module = track.add_child(
        instance=ModulePage(title="M", slug="m", summary="S", objectives="O", hours=Decimal(2))
    )
    return module.add_child(
        instance=QuizPage(title="Q", slug="q", pass_mark=100, max_attempts=1, questions=[QUESTION])
    )


def run_together(n, target):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_two_simultaneous_submissions_of_one_attempt_record_one(quiz, make_user):
    user = make_user(Role.MENTOR)
    attempt = training.quiz_attempt_start(user=user, quiz=quiz)
    question = quiz_questions(quiz)[0]
    right = next(c.id for c in question.choices if c.correct)

    def submit():
        done, result = training.quiz_attempt_submit(
            user=user,
            quiz=QuizPage.objects.get(pk=quiz.pk),
            attempt_id=attempt.pk,
            answers={question.id: [right]},
        )
        return done.pk, result.passed

    results, errors = run_together(4, submit)
    assert errors == []
    assert results == [(attempt.pk, True)] * 4
    assert QuizAttempt.objects.filter(user=user, submitted_at__isnull=False).count() == 1
    assert ModuleCompletion.objects.filter(user=user).count() == 1


def test_racing_attempts_never_exceed_the_maximum(quiz, make_user):
    user = make_user(Role.MENTOR)
    question = quiz_questions(quiz)[0]
    wrong = next(c.id for c in question.choices if not c.correct)

    quiz.max_attempts = 2
    quiz.save_revision().publish()

    def start_and_fail_three_times():
        fresh = QuizPage.objects.get(pk=quiz.pk)
        outcomes = []
        for _ in range(3):
            try:
                attempt = training.quiz_attempt_start(user=user, quiz=fresh)
            except ValidationError as closed:
                outcomes.append(closed.message)
                continue
            training.quiz_attempt_submit(
                user=user, quiz=fresh, attempt_id=attempt.pk, answers={question.id: [wrong]}
            )
            outcomes.append(attempt.number)
        return outcomes

    results, errors = run_together(4, start_and_fail_three_times)
    assert errors == []
    assert QuizAttempt.objects.filter(user=user).count() == 2
    assert QuizAttempt.objects.filter(user=user, submitted_at__isnull=False).count() == 2
    outcomes = [o for r in results for o in r]
    assert set(outcomes) == {1, 2, training.QUIZ_NO_ATTEMPTS}


def test_two_tabs_sending_the_evaluation_at_once_record_one_and_one_certificate(quiz, make_user):
    from credentials.models import Certificate
    from lms.training.choices import EvaluationKind
    from lms.training.models import TrackEvaluation, TrackEvaluationQuestion

    track = TrackPage.objects.get(pk=quiz.get_parent().get_parent().pk)
    track.evaluation_questions = [
        TrackEvaluationQuestion(prompt="Useful?", kind=EvaluationKind.RATING, required=True)
    ]
    track.save_revision().publish()
    track = TrackPage.objects.get(pk=track.pk)
    user = make_user(Role.MENTOR)
    attempt = training.quiz_attempt_start(user=user, quiz=quiz)
    question = quiz_questions(quiz)[0]
    right = next(c.id for c in question.choices if c.correct)
    training.quiz_attempt_submit(
        user=user, quiz=quiz, attempt_id=attempt.pk, answers={question.id: [right]}
    )
    assert not Certificate.objects.filter(holder=user).exists()  # waits for the evaluation
    asked = training.evaluation_questions(track)[0]

    def send():
        try:
            training.track_evaluation_submit(
                user=user, track=TrackPage.objects.get(pk=track.pk), answers={f"q-{asked.id}": "4"}
            )
        except ValidationError as refused:
            return refused.code
        return "sent"

    results, errors = run_together(4, send)
    assert errors == []
    assert sorted(results) == ["already_sent"] * 3 + ["sent"]
    assert TrackEvaluation.objects.filter(user=user, track=track).count() == 1
    assert Certificate.objects.filter(holder=user).count() == 1
