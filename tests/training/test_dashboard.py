from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from lms.training import services as training
from lms.training.models import ModulePage, QuizPage, TrackPage, TrainingIndexPage
from lms.training.questions import quiz_questions
from tests.training.helpers import modules

pytestmark = pytest.mark.django_db

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


def build_track(n_modules: int, title: str) -> TrackPage:
    index = TrainingIndexPage.objects.get()
    track = TrackPage(
        title=title, slug=title.lower().replace(" ", "-"), summary="S", certificate_title="C"
    )
    index.add_child(instance=track)
    for i in range(n_modules):
        module = ModulePage(
            title=f"M{i}", slug=f"m{i}", summary="S", objectives="O", hours=Decimal("1.0")
        )
        track.add_child(instance=module)
        module.add_child(
            instance=QuizPage(title=f"Q{i}", slug=f"q{i}", pass_mark=50, questions=[QUESTION])
        )
    return track


def take_all(user, track, *, attempts_each: int):
    for quiz in QuizPage.objects.descendant_of(track).live().order_by("path"):
        for number in range(attempts_each):
            attempt = training.quiz_attempt_start(user=user, quiz=quiz)
            question = quiz_questions(quiz)[0]
            wrong = number < attempts_each - 1
            choice = next(c.id for c in question.choices if c.correct != wrong)
            training.quiz_attempt_submit(
                user=user, quiz=quiz, attempt_id=attempt.pk, answers={question.id: [choice]}
            )


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/training/dashboard/")
    assert response.status_code == 200
    return len(queries)


def test_dashboard_query_count_is_the_same_for_7_and_70_modules(client, make_user):
    from lms.accounts.roles import Role

    small_user, big_user = make_user(Role.MENTOR), make_user(Role.MENTOR)
    small = build_track(7, "Small track")
    big = build_track(70, "Big track")
    take_all(small_user, small, attempts_each=2)
    take_all(big_user, big, attempts_each=2)
    client.force_login(small_user)
    client.get("/training/dashboard/")  # warm caches and the session's first write
    small_count = dashboard_queries(client)
    client.force_login(big_user)
    client.get("/training/dashboard/")
    big_count = dashboard_queries(client)
    assert small_count == big_count
    html = client.get("/training/dashboard/").content.decode()
    assert "70 of 70 modules completed" in html


def test_dashboard_shows_states_hours_last_result_and_next_step(client, mentor):
    from tests.training.helpers import answer_quiz, quiz_of

    first, second, third = modules()[:3]
    client.force_login(mentor)
    answer_quiz(client, quiz_of(first), first.slug, right=True)
    html = client.get("/training/dashboard/").content.decode()
    assert f"1 of {len(modules())} modules completed" in html
    assert f"{first.hours.normalize()} of" in html
    assert "Completed" in html and "Open" in html and "Locked" in html
    assert f'Next step:</strong> <a href="{second.url}">{second.title}' in html
    assert "100% · passed (1 attempt)" in html
    assert f"Opens after {second.title}" in html
    assert third.url not in html


def test_dashboard_needs_sign_in_and_a_training_role(client, mentee):
    assert client.get("/training/dashboard/").status_code == 302
    client.force_login(mentee)
    assert client.get("/training/dashboard/").status_code == 403


def test_demo_loader_leaves_a_second_mentor_part_way(client):
    from django.core.management import call_command

    from lms.accounts.models import User
    from lms.training.models import ModuleCompletion, QuizAttempt

    call_command("load_demo")
    call_command("load_demo")
    fresh = User.objects.get(email="mentor@example.org")
    partway = User.objects.get(email="mentor2@example.org")
    assert not QuizAttempt.objects.filter(user=fresh).exists()
    assert ModuleCompletion.objects.filter(user=partway).count() == 3
    assert QuizAttempt.objects.filter(user=partway, passed=False).count() == 1
    client.force_login(partway)
    html = client.get("/training/dashboard/").content.decode()
    assert "Completed" in html and "Open" in html and "Locked" in html
