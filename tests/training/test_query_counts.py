"""Each signed-in page's query count is the same at 1x and 10x data: a change that adds a query
per module, per attempt or per pair fails here (issue: no regression later)."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.training import services as training
from lms.training.models import (
    LessonPage,
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackPage,
    TrainingIndexPage,
)
from lms.training.questions import quiz_questions
from tests.training.test_dashboard import QUESTION

pytestmark = pytest.mark.django_db


def grow_track(track: TrackPage, n_modules: int) -> None:
    """Published modules (a lesson and a one-question quiz each) until the track has n_modules."""
    have = ModulePage.objects.child_of(track).count()
    for i in range(have, n_modules):
        module = ModulePage(
            title=f"M{i}", slug=f"m{i}", summary="S", objectives="O", hours=Decimal("1.0")
        )
        track.add_child(instance=module)
        module.save_revision().publish()
        for child in (
            LessonPage(title=f"L{i}", slug=f"l{i}", body=[]),
            QuizPage(title=f"Q{i}", slug=f"q{i}", pass_mark=50, questions=[QUESTION]),
        ):
            module.add_child(instance=child)
            child.save_revision().publish()


def pass_all_but_last(user, track: TrackPage) -> None:
    """A failed then a passed attempt at every quiz but the last one not yet passed."""
    quizzes = list(QuizPage.objects.descendant_of(track).live().order_by("path"))
    for quiz in quizzes[:-1]:
        if training.quiz_closed_reason(user=user, quiz=quiz) is not None:
            continue
        for right in (False, True):
            attempt = training.quiz_attempt_start(user=user, quiz=quiz)
            question = quiz_questions(quiz)[0]
            choice = next(c.id for c in question.choices if c.correct == right)
            training.quiz_attempt_submit(
                user=user, quiz=quiz, attempt_id=attempt.pk, answers={question.id: [choice]}
            )


def others_attempts(track: TrackPage, make_user, n_users: int) -> None:
    """Attempts by other learners: the table grows, the measured learner's pages must not."""
    quizzes = list(QuizPage.objects.descendant_of(track).live().order_by("path"))
    now = timezone.now()
    rows = []
    for _ in range(n_users):
        other = make_user(Role.MENTOR)
        rows += [
            QuizAttempt(
                user=other,
                quiz=q,
                revision_id=q.live_revision_id,
                number=1,
                question_ids=[],
                choice_order={},
                answers={},
                score=Decimal(0),
                passed=False,
                submitted_at=now,
            )
            for q in quizzes
        ]
    QuizAttempt.objects.bulk_create(rows)


def count(client, url: str) -> int:
    client.get(url)  # warm the caches and the session's first write
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def page_counts(client, track: TrackPage) -> dict[str, int]:
    last = ModulePage.objects.child_of(track).live().order_by("-path").first()
    lesson = LessonPage.objects.child_of(last).live().get()
    quiz = QuizPage.objects.child_of(last).live().get()
    return {
        "lesson": count(client, lesson.url),
        "module": count(client, last.url),
        "dashboard": count(client, "/training/dashboard/"),
        "quiz with an open attempt": count(client, quiz.url),
    }


def test_training_pages_make_as_many_queries_at_10x_data_as_at_1x(client, make_user):
    index = TrainingIndexPage.objects.get()
    track = TrackPage(title="Scale", slug="scale", summary="S", certificate_title="C")
    index.add_child(instance=track)
    track.save_revision().publish()
    learner = make_user(Role.MENTOR)
    client.force_login(learner)

    grow_track(track, 3)
    pass_all_but_last(learner, track)
    others_attempts(track, make_user, 2)
    small = page_counts(client, track)

    grow_track(track, 30)
    pass_all_but_last(learner, track)
    others_attempts(track, make_user, 20)
    large = page_counts(client, track)

    assert small == large


def test_the_coordinator_dashboard_makes_as_many_queries_for_20_pairs_as_for_2(
    client, coordinator, make_user
):
    from tests.mentorship.factories import AgreementFactory, CheckInFactory, PairingFactory

    def add_pairs(n: int) -> None:
        for _ in range(n):
            pairing = PairingFactory(mentor=make_user(Role.MENTOR), mentee=make_user(Role.MENTEE))
            AgreementFactory(pairing=pairing)
            CheckInFactory(pairing=pairing, met_on=timezone.localdate() - timedelta(days=3))

    client.force_login(coordinator)
    add_pairs(2)
    small = count(client, "/program/coordinator/")
    add_pairs(18)
    large = count(client, "/program/coordinator/")
    assert small == large
