"""The post-training evaluation: the certificate waits for it, a learner sends it once, only for
a track they completed; coordinators read the answers summed up, without names, on screen and as
CSV and XLSX. Completions from before evaluations existed are never held back."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from credentials.certificates import services as certificates
from credentials.models import Certificate
from lms.accounts.roles import Role
from lms.training import services as training
from lms.training.demo import demo_progress
from lms.training.evaluation import TEXT_MAX_LENGTH, TEXT_TOO_LONG
from lms.training.models import (
    TrackCompletion,
    TrackEvaluation,
    TrackEvaluationQuestion,
    TrackPage,
)
from lms.training.views.evaluation import TOO_LARGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def track():
    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    for order, (prompt, kind, required) in enumerate(
        [
            ("The training was useful for my work as a mentor.", "rating", True),
            ("The pace was right for me.", "rating", True),
            ("What would you change?", "text", False),
        ]
    ):
        TrackEvaluationQuestion.objects.create(
            track=track, prompt=prompt, kind=kind, required=required, sort_order=order
        )
    return track


def questions(track):
    return list(track.evaluation_questions.order_by("sort_order"))


def finish(user, capture):
    with capture(execute=True):
        demo_progress(user=user)


def answers(track, first="5", second="4", text="More role play, please."):
    q = questions(track)
    return {f"q-{q[0].pk}": first, f"q-{q[1].pk}": second, f"q-{q[2].pk}": text}


@pytest.fixture
def finished(track, mentor, django_capture_on_commit_callbacks):
    finish(mentor, django_capture_on_commit_callbacks)
    return mentor


def url(track):
    return reverse("track_evaluation", kwargs={"track_id": track.pk})


def test_the_certificate_waits_for_the_evaluation(finished, track):
    completion = TrackCompletion.objects.get(user=finished, track=track)
    assert completion.evaluation_required
    assert not Certificate.objects.filter(holder=finished).exists()


def test_sending_the_evaluation_issues_the_certificate_dated_on_completion(
    client, finished, track, django_capture_on_commit_callbacks
):
    completion = TrackCompletion.objects.get(user=finished, track=track)
    completion.completed_at = timezone.now() - timedelta(days=3)
    completion.save()
    client.force_login(finished)
    page = client.get(url(track))
    assert page.status_code == 200
    assert b"The pace was right for me." in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(track), answers(track))
    assert response.status_code == 303
    certificate = Certificate.objects.get(holder=finished)
    assert certificate.issued_on == timezone.localdate(completion.completed_at)
    stored = TrackEvaluation.objects.get(user=finished, track=track)
    assert [a["value"] for a in stored.answers] == [5, 4, "More role play, please."]
    assert b"your evaluation was received" in client.get(url(track)).content


def test_a_second_evaluation_is_refused_and_changes_nothing(
    client, finished, track, django_capture_on_commit_callbacks
):
    client.force_login(finished)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(track), answers(track))
    again = client.post(url(track), answers(track, first="1", text="Changed my mind"))
    assert again.status_code == 409
    assert b"already sent your evaluation" in again.content
    assert TrackEvaluation.objects.filter(track=track).count() == 1
    assert TrackEvaluation.objects.get().answers[0]["value"] == 5
    assert Certificate.objects.filter(holder=finished).count() == 1


def test_the_service_refuses_a_second_evaluation_too(finished, track):
    training.track_evaluation_submit(user=finished, track=track, answers=answers(track))
    with pytest.raises(training.ValidationError) as refused:
        training.track_evaluation_submit(user=finished, track=track, answers=answers(track))
    assert refused.value.code == "already_sent"


def test_a_track_not_completed_has_no_evaluation_to_send(client, mentor, track):
    demo_progress(user=mentor, passed=2)  # part-way through
    client.force_login(mentor)
    assert client.get(url(track)).status_code == 404
    response = client.post(url(track), answers(track))
    assert response.status_code == 404
    assert not TrackEvaluation.objects.exists()


def test_another_learners_completed_track_is_not_open_to_me(client, finished, track, make_user):
    other = make_user(Role.MENTOR)
    client.force_login(other)
    assert client.get(url(track)).status_code == 404
    assert client.post(url(track), answers(track)).status_code == 404
    assert not TrackEvaluation.objects.exists()
    assert client.get(reverse("track_evaluation", kwargs={"track_id": 999999})).status_code == 404


def test_oversized_text_is_a_400_that_keeps_what_was_typed(client, finished, track):
    client.force_login(finished)
    long_text = "Kept words " + "x" * TEXT_MAX_LENGTH
    response = client.post(url(track), answers(track, text=long_text))
    assert response.status_code == 400
    content = response.content.decode()
    assert TEXT_TOO_LONG.replace("'", "&#x27;") in content or "characters or fewer" in content
    assert long_text in content
    assert 'value="5" checked' in content  # the ratings chosen are kept as well
    assert not TrackEvaluation.objects.exists()


def test_a_body_beyond_what_the_form_sends_is_a_413(client, finished, track):
    client.force_login(finished)
    response = client.post(url(track), {**answers(track), "padding": "x" * 70_000})
    assert response.status_code == 413
    assert TOO_LARGE.split(".")[0].encode() in response.content


@pytest.mark.parametrize("rating", ["0", "6", "4.5", "<script>", ""])
def test_a_bad_or_missing_rating_is_a_400_with_a_message(client, finished, track, rating):
    client.force_login(finished)
    response = client.post(url(track), answers(track, first=rating))
    assert response.status_code == 400
    assert b"More role play, please." in response.content
    assert not TrackEvaluation.objects.exists()


def test_completions_from_before_evaluations_are_never_held_back(
    mentor, track, django_capture_on_commit_callbacks
):
    """A completion recorded before the track had questions (or before this feature: the
    migration leaves evaluation_required False) gets its certificate without an evaluation."""
    TrackEvaluationQuestion.objects.filter(track=track).delete()
    finish(mentor, django_capture_on_commit_callbacks)
    completion = TrackCompletion.objects.get(user=mentor, track=track)
    assert not completion.evaluation_required
    assert Certificate.objects.filter(holder=mentor).count() == 1
    # Questions added later do not reach back either.
    TrackEvaluationQuestion.objects.create(track=track, prompt="Useful?", kind="rating")
    assert certificates.certificate_issue(user=mentor, track=track, completion=completion)


def test_a_certificate_is_refused_while_the_evaluation_is_outstanding(finished, track):
    completion = TrackCompletion.objects.get(user=finished, track=track)
    with pytest.raises(certificates.ValidationError) as refused:
        certificates.certificate_issue(user=finished, track=track, completion=completion)
    assert refused.value.message == certificates.EVALUATION_PENDING


def test_the_last_quiz_result_and_the_dashboard_send_the_learner_to_the_evaluation(
    client, finished, track
):
    client.force_login(finished)
    dashboard = client.get(reverse("training_dashboard")).content.decode()
    assert url(track) in dashboard
    assert url(track) in client.get(reverse("certificates:mine")).content.decode()
    last_quiz = track.get_descendants().type(training.QuizPage).live().order_by("path").last()
    attempt = training.QuizAttempt.objects.filter(user=finished, quiz=last_quiz).get()
    result = client.get(f"{last_quiz.url}?attempt={attempt.pk}").content.decode()
    assert url(track) in result
    assert "Evaluate the training" in result


# ----------------------------------------------------------------------------- coordinators


@pytest.fixture
def evaluated(track, make_user, django_capture_on_commit_callbacks):
    people = []
    for first, (a, b, text) in zip(
        ["Robin", "Sasha", "Toby"],
        [("5", "4", "zeal for role play"), ("4", "4", "Apple: more examples"), ("3", "2", "")],
        strict=True,
    ):
        person = make_user(Role.MENTOR, first_name=first, last_name="Quill")
        finish(person, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            training.track_evaluation_submit(
                user=person, track=track, answers=answers(track, a, b, text)
            )
        people.append(person)
    return people


def pack(track):
    return reverse("provider_pack", kwargs={"track_id": track.pk})


def test_coordinators_see_averages_counts_and_answers_without_names(
    client, coordinator, track, evaluated
):
    client.force_login(coordinator)
    content = client.get(pack(track)).content.decode()
    assert "3 evaluations received" in content
    assert "average 4.0 out of 5" in content  # 5, 4, 3
    assert "average 3.3 out of 5" in content  # 4, 4, 2
    assert content.index("Apple: more examples") < content.index("zeal for role play")
    for person in evaluated:
        assert person.email not in content
        assert person.first_name not in content


def test_the_exports_have_the_summary_and_no_names(client, coordinator, track, evaluated):
    client.force_login(coordinator)
    response = client.get(reverse("track_evaluations_csv", kwargs={"track_id": track.pk}))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == [
        "Question",
        "Kind",
        "Responses",
        "Average rating (1 to 5)",
        "Rated 1",
        "Rated 2",
        "Rated 3",
        "Rated 4",
        "Rated 5",
        "Free-text answer",
    ]
    assert rows[1][:9] == [
        "The training was useful for my work as a mentor.",
        "Rating",
        "3",
        "4.0",
        "0",
        "0",
        "1",
        "1",
        "1",
    ]
    assert [r[9] for r in rows if r[1] == "Free text"] == [
        "Apple: more examples",
        "zeal for role play",
    ]
    text = response.getvalue().decode()
    xlsx = client.get(reverse("track_evaluations_xlsx", kwargs={"track_id": track.pk}))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Apple: more examples" in cells
    for person in evaluated:
        assert person.email not in text and person.first_name not in text
        assert person.email not in cells and not any(person.first_name in c for c in cells)


def test_a_formula_in_an_answer_is_not_run_by_a_spreadsheet(
    client, coordinator, track, mentor, django_capture_on_commit_callbacks
):
    finish(mentor, django_capture_on_commit_callbacks)
    training.track_evaluation_submit(
        user=mentor, track=track, answers=answers(track, text='=HYPERLINK("http://x","y")')
    )
    client.force_login(coordinator)
    response = client.get(reverse("track_evaluations_csv", kwargs={"track_id": track.pk}))
    assert "'=HYPERLINK" in response.getvalue().decode()


@pytest.mark.parametrize("role", [Role.MENTOR, Role.EDITOR, Role.RECRUITER, Role.MENTEE])
def test_the_summary_and_its_exports_are_for_coordinators_only(
    client, make_user, track, evaluated, role
):
    client.force_login(make_user(role))
    for name in ("provider_pack", "track_evaluations_csv", "track_evaluations_xlsx"):
        assert client.get(reverse(name, kwargs={"track_id": track.pk})).status_code == 403
    assert client.get(reverse("provider_pack_index")).status_code == 403
