import re
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

import pytest

from lms.training import services as training
from lms.training.models import ModuleCompletion, QuizAttempt, QuizAttemptGrant, TrackCompletion
from lms.training.signals import module_completed, track_completed
from tests.training.helpers import answer_quiz, form_fields, modules, quiz_of

pytestmark = pytest.mark.django_db


def first_lesson(module):
    from lms.training.models import LessonPage

    return LessonPage.objects.child_of(module).live().order_by("path").first()


def test_second_module_is_locked_until_the_first_quiz_is_passed(client, mentor):
    first, second = modules()[:2]
    client.force_login(mentor)
    for url in (first_lesson(second).url, quiz_of(second).url):
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert first.title in html and quiz_of(first).url in html
    response = answer_quiz(client, quiz_of(first), first.slug, right=True)
    assert response.status_code == 303
    for url in (first_lesson(second).url, quiz_of(second).url):
        assert client.get(url).status_code == 200


def test_wrong_answers_fail_with_feedback_and_no_completion(client, mentor):
    first = modules()[0]
    client.force_login(mentor)
    response = answer_quiz(client, quiz_of(first), first.slug, right=False)
    assert response.status_code == 303
    result = client.get(response["Location"])
    html = result.content.decode()
    assert "Not passed yet" in html
    assert "Review before your next try" in html
    attempt = QuizAttempt.objects.get(user=mentor)
    assert attempt.passed is False and attempt.score == 0
    # Feedback on the learner's own choice of each one-answer question; none on the others,
    # which would give the key away while attempts remain (tests/training/test_quiz_review.py).
    questions = training.attempt_questions(attempt)
    for question in questions:
        for choice in question.choices:
            feedback = choice.feedback.replace("'", "&#x27;").replace('"', "&quot;")
            shown = question.kind != "multiple" and choice.id in attempt.answers[question.id]
            assert (feedback in html) is shown
    assert not ModuleCompletion.objects.filter(user=mentor).exists()


def test_answers_from_the_source_file_pass_and_complete_the_module_once(
    client, mentor, django_capture_on_commit_callbacks
):
    first = modules()[0]
    received = []
    module_completed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t1")
    try:
        client.force_login(mentor)
        with django_capture_on_commit_callbacks(execute=True):
            with_capture = answer_quiz(client, quiz_of(first), first.slug, right=True)
        assert with_capture.status_code == 303
        assert "Passed" in client.get(with_capture["Location"]).content.decode()
    finally:
        module_completed.disconnect(dispatch_uid="t1")
    completion = ModuleCompletion.objects.get(user=mentor)
    assert completion.module_id == first.pk and completion.hours == first.hours
    assert len(received) == 1 and received[0]["ce_topic"] == first.ce_topic


def test_quiz_page_contains_no_marker_of_the_correct_answers(client, mentor):
    first = modules()[0]
    client.force_login(mentor)
    html = client.get(quiz_of(first).url).content.decode()
    quiz = quiz_of(first)
    attempt = QuizAttempt.objects.get(user=mentor)
    questions = training.attempt_questions(attempt)
    for word in ("correct", "feedback", "data-correct", "[x]", 'true"', "✓"):
        assert word not in html.lower().replace("pass mark", "")
    for question in questions:
        for choice in question.choices:
            assert choice.feedback[:40] not in html
    # Every choice of a question is rendered alike: same attributes, only id and text differ.
    _, fields = form_fields(html)
    for _, name, _choices in fields:
        shapes = {
            re.sub(r'value="[^"]+"', "", m)
            for m in re.findall(rf'<input type="\w+" name="{name}" value="[^"]+">', html)
        }
        assert len(shapes) == 1
    assert quiz.pass_mark == 80


def test_draw_gives_eight_of_ten_and_retake_prefers_unseen(client, mentor):
    first = modules()[0]
    quiz = quiz_of(first)
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=False)
    first_attempt = QuizAttempt.objects.get(user=mentor)
    assert len(first_attempt.question_ids) == 8
    quiz.cooldown_minutes = 0
    quiz.save()
    client.get(quiz.url)
    second = QuizAttempt.objects.get(user=mentor, number=2)
    unseen = set(second.question_ids) - set(first_attempt.question_ids)
    assert len(unseen) == 2


def test_double_submission_records_one_attempt(client, mentor):
    first = modules()[0]
    client.force_login(mentor)
    quiz = quiz_of(first)
    html = client.get(quiz.url).content.decode()
    attempt, fields = form_fields(html)
    data = {"attempt": attempt, **{name: [choices[0][0]] for _, name, choices in fields}}
    one = client.post(quiz.url, data)
    two = client.post(quiz.url, data)
    assert one.status_code == two.status_code == 303
    assert one["Location"] == two["Location"]
    assert QuizAttempt.objects.filter(user=mentor, submitted_at__isnull=False).count() == 1


def test_missing_answers_are_a_form_error_that_keeps_the_other_answers(client, mentor):
    first = modules()[0]
    client.force_login(mentor)
    quiz = quiz_of(first)
    attempt, fields = form_fields(client.get(quiz.url).content.decode())
    kept_name, kept_choice = fields[0][1], fields[0][2][1][0]
    response = client.post(quiz.url, {"attempt": attempt, kept_name: [kept_choice]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose an answer for this question." in html
    assert f'value="{kept_choice}" checked' in html
    assert not QuizAttempt.objects.filter(user=mentor, submitted_at__isnull=False).exists()


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d, f: d.update({"attempt": "not-a-number"}),
        lambda d, f: d.pop("attempt"),
        lambda d, f: d.update({"attempt": ["1", "2"]}),
        lambda d, f: d.update({"extra": "x"}),
        lambda d, f: d.update({"q-unknown": f[0][2][0][0]}),
        lambda d, f: d.update({f[0][1]: ["not-a-choice"]}),
        lambda d, f: d.update({f[0][1]: [f[0][2][0][0], f[0][2][0][0]]}),
        lambda d, f: d.update({f[0][1]: [c for c, _ in f[0][2]]}) if len(f[0][2]) > 1 else None,
        lambda d, f: d.update({"attempt": "999999999"}),
        lambda d, f: d.update({"q-" + "x" * 300: "y"}),
    ],
)
def test_malformed_submissions_get_400_and_record_nothing(client, mentor, mutate):
    first = modules()[0]
    client.force_login(mentor)
    quiz = quiz_of(first)
    attempt, fields = form_fields(client.get(quiz.url).content.decode())
    data = {"attempt": attempt, **{name: [choices[0][0]] for _, name, choices in fields}}
    attempt_obj = QuizAttempt.objects.get(pk=attempt)
    single_ids = {q.id for q in training.attempt_questions(attempt_obj) if q.kind != "multiple"}
    single = next(f for f in fields if f[1].removeprefix("q-") in single_ids)
    fields = [single, *fields]
    mutate(data, fields)
    response = client.post(quiz.url, data)
    assert response.status_code == 400
    assert not QuizAttempt.objects.filter(user=mentor, submitted_at__isnull=False).exists()


def test_attempts_run_out_then_a_coordinator_grants_more(client, mentor, coordinator):
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.max_attempts = 2
    quiz.save()
    client.force_login(mentor)
    for _ in range(2):
        answer_quiz(client, quiz, first.slug, right=False)
    html = client.get(quiz.url).content.decode()
    assert "You have used all your attempts at this quiz." in html
    assert quiz.contact in html
    assert QuizAttempt.objects.filter(user=mentor).count() == 2
    training.quiz_attempts_grant(
        user=mentor, quiz=quiz, attempts=1, reason="Asked after a hard week", granted_by=coordinator
    )
    grant = QuizAttemptGrant.objects.get()
    assert grant.granted_by == coordinator and grant.history.count() == 1
    response = answer_quiz(client, quiz, first.slug, right=True)
    assert response.status_code == 303
    assert ModuleCompletion.objects.filter(user=mentor).count() == 1


def test_cool_down_between_attempts(client, mentor):
    first = modules()[0]
    client.force_login(mentor)
    answer_quiz(client, quiz_of(first), first.slug, right=False)
    html = client.get(quiz_of(first).url).content.decode()
    assert QuizAttempt.objects.filter(user=mentor).count() == 1
    # One sentence, with the day and the program's time zone; no repeat, no double period.
    last = QuizAttempt.objects.get(user=mentor).submitted_at
    until = timezone.localtime(last + timedelta(minutes=quiz_of(first).cooldown_minutes))
    assert html.count("You can try again after") == 1
    assert "short break" not in html and ".." not in html.split("try again after")[1][:80]
    assert f"{until:%B} {until.day}, {until.year} (New York time)." in html
    assert f"{until.hour % 12 or 12}:{until:%M} {'AM' if until.hour < 12 else 'PM'} on " in html


def test_the_waiting_period_is_one_sentence_at_a_new_york_time_and_date():
    from datetime import UTC, datetime

    from lms.training.views.quiz import cool_down_text

    # 20:05 UTC on a November evening is 3:05 PM in New York; after midnight UTC, the day before.
    assert cool_down_text(datetime(2026, 11, 30, 20, 5, tzinfo=UTC)) == (
        "You can try again after 3:05 PM on Monday, November 30, 2026 (New York time)."
    )
    assert cool_down_text(datetime(2026, 12, 1, 4, 30, tzinfo=UTC)) == (
        "You can try again after 11:30 PM on Monday, November 30, 2026 (New York time)."
    )
    assert cool_down_text(datetime(2026, 7, 4, 16, 0, tzinfo=UTC)).startswith(
        "You can try again after 12:00 PM on Saturday, July 4, 2026"
    )


def test_finishing_every_module_completes_the_track_once(
    client, mentor, django_capture_on_commit_callbacks
):
    received = []
    track_completed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t2")
    try:
        client.force_login(mentor)
        for module in modules():
            with django_capture_on_commit_callbacks(execute=True):
                response = answer_quiz(client, quiz_of(module), module.slug, right=True)
            assert response.status_code == 303
    finally:
        track_completed.disconnect(dispatch_uid="t2")
    completion = TrackCompletion.objects.get(user=mentor)
    assert completion.hours == sum(m.hours for m in modules())
    assert len(completion.module_revisions) == len(modules())
    assert len(received) == 1
    assert (
        ModuleCompletion.objects.filter(user=mentor).aggregate(h=Sum("hours"))["h"]
        == completion.hours
    )


def test_attempt_records_the_revision_it_was_taken_against(client, mentor):
    first = modules()[0]
    quiz = quiz_of(first)
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=True)
    attempt = QuizAttempt.objects.get(user=mentor)
    assert attempt.revision_id == quiz.live_revision_id
    assert attempt.started_at <= attempt.submitted_at


@pytest.mark.parametrize("role", ["mentee", "recruiter"])
def test_training_pages_are_for_mentors_and_staff(client, request, role):
    client.force_login(request.getfixturevalue(role))
    first = modules()[0]
    assert client.get(first_lesson(first).url).status_code == 403
    assert client.get(quiz_of(first).url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(first_lesson(modules()[0]).url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_are_never_gated(client, editor):
    client.force_login(editor)
    assert client.get(first_lesson(modules()[3]).url).status_code == 200


def test_previews_are_never_gated(client, editor, mentor):
    from django.test import RequestFactory

    module = modules()[2]
    quiz = quiz_of(module)
    request = RequestFactory().get(quiz.url)
    request.user = mentor
    request.is_preview = True
    response = quiz.serve(request)
    response.render()
    assert response.status_code == 200
    assert b"correct choices are marked" in response.content
    lesson = first_lesson(module)
    request = RequestFactory().get(lesson.url)
    request.user = mentor
    request.is_preview = True
    assert lesson.serve(request).status_code == 200


def test_search_hides_locked_lessons(client, mentor):
    locked = first_lesson(modules()[3])
    client.force_login(mentor)
    html = client.get("/search/", {"q": locked.title}).content.decode()
    assert locked.url not in html
