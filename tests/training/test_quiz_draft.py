"""Quiz answers saved to the open attempt as they are chosen, and shown again when the quiz is
reopened (after an idle sign-out, say); the draft endpoint refuses everything else with a 4xx."""

from django.urls import reverse

import pytest

from lms.training.models import QuizAttempt
from tests.training.helpers import form_fields, modules, quiz_of

pytestmark = pytest.mark.django_db


def open_quiz(client, user):
    client.force_login(user)
    quiz = quiz_of(modules()[0])
    attempt_id, questions = form_fields(client.get(quiz.url).content.decode())
    return quiz, int(attempt_id), questions


def draft_url(attempt_id) -> str:
    return reverse("quiz_attempt_draft", args=[attempt_id])


def test_chosen_answers_are_kept_and_shown_when_the_quiz_is_opened_again(client, mentor):
    quiz, attempt_id, questions = open_quiz(client, mentor)
    (_, name1, choices1), (_, name2, choices2) = questions[:2]
    data = {"attempt": attempt_id, name1: choices1[1][0], name2: choices2[0][0]}
    assert client.post(draft_url(attempt_id), data).status_code == 204
    attempt = QuizAttempt.objects.get(pk=attempt_id)
    assert attempt.draft_answers == {
        name1[2:]: [choices1[1][0]],
        name2[2:]: [choices2[0][0]],
    }
    # Signed out and back in: the same attempt, with those choices checked.
    client.logout()
    client.force_login(mentor)
    html = client.get(quiz.url).content.decode()
    assert f'name="{name1}" value="{choices1[1][0]}" checked' in html
    assert f'name="{name2}" value="{choices2[0][0]}" checked' in html
    assert f'name="{name1}" value="{choices1[0][0]}" checked' not in html


def test_the_quiz_page_offers_the_draft_url_to_its_script(client, mentor):
    quiz, attempt_id, _ = open_quiz(client, mentor)
    html = client.get(quiz.url).content.decode()
    assert f'data-draft-url="{draft_url(attempt_id)}"' in html
    assert "js/site.js" in html


def test_another_learners_attempt_is_not_found(client, mentor, make_user):
    from lms.accounts.roles import Role

    _, attempt_id, questions = open_quiz(client, mentor)
    _, name, choices = questions[0]
    client.force_login(make_user(Role.MENTOR, email="other@example.org"))
    response = client.post(draft_url(attempt_id), {"attempt": attempt_id, name: choices[0][0]})
    assert response.status_code == 404
    assert QuizAttempt.objects.get(pk=attempt_id).draft_answers == {}


def test_a_submitted_attempt_takes_no_draft(client, mentor):
    quiz, attempt_id, questions = open_quiz(client, mentor)
    data = {"attempt": attempt_id}
    for _, name, choices in questions:
        data[name] = choices[0][0]
    assert client.post(quiz.url, data).status_code == 303
    response = client.post(draft_url(attempt_id), data)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"q-no-such-question": "x"},
        "unknown choice",
        "two answers to one",
        {"extra-field": "1"},
        {"attempt": "999999"},
    ],
)
def test_answers_no_browser_form_would_send_are_refused(client, mentor, change):
    _, attempt_id, questions = open_quiz(client, mentor)
    _, name, choices = questions[0]
    data = {"attempt": str(attempt_id), name: choices[0][0]}
    if change == "unknown choice":
        data[name] = "not-a-choice"
    elif change == "two answers to one":
        html = client.get(quiz_of(modules()[0]).url).content.decode()
        single = [q for q in questions if f'type="radio" name="{q[1]}"' in html]
        _, radio, radio_choices = single[0]
        data[radio] = [radio_choices[0][0], radio_choices[1][0]]
    else:
        data.update(change)
    response = client.post(draft_url(attempt_id), data)
    assert response.status_code == 400
    assert "error" in response.json()
    assert QuizAttempt.objects.get(pk=attempt_id).draft_answers == {}


def test_a_huge_body_is_refused_before_it_is_read(client, mentor):
    _, attempt_id, questions = open_quiz(client, mentor)
    _, name, _ = questions[0]
    response = client.post(draft_url(attempt_id), {"attempt": attempt_id, name: "x" * 100_000})
    assert response.status_code == 413


def test_an_unknown_or_huge_attempt_id_is_not_found(client, mentor):
    client.force_login(mentor)
    assert client.post(draft_url(10**30), {"attempt": "1"}).status_code in (400, 404)
    assert client.post(draft_url(424242), {"attempt": "424242"}).status_code == 404


def test_get_and_anonymous_posts_are_refused(client, mentor):
    _, attempt_id, _ = open_quiz(client, mentor)
    assert client.get(draft_url(attempt_id)).status_code == 405
    client.logout()
    response = client.post(draft_url(attempt_id), {"attempt": attempt_id})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_keep_alive_answers_204_signed_in_and_401_signed_out(client, mentor):
    url = reverse("keep_alive")
    assert client.post(url).status_code == 401
    client.force_login(mentor)
    assert client.post(url).status_code == 204
    assert client.get(url).status_code == 405
