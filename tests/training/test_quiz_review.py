"""Quiz review that teaches without giving the answer key away (issue 11, point 1).

The attack: with unseen-first draws, a learner who reads the right answers off failed results
knows every question of the pool by the third attempt. These tests replay it through the pages
only (the HTML a browser gets), the way it was done by hand against the running site.
"""

import random
import re
from dataclasses import dataclass, field
from html import unescape

import pytest

from lms.training import services as training
from lms.training.models import QuizAttempt, QuizPage
from tests.training.helpers import answer_quiz, form_fields, modules, quiz_of

pytestmark = pytest.mark.django_db

# Feedback in the curriculum opens with one of these words on a right choice: a person reading
# the feedback of a choice learns whether it is right, so the attacker reads it too.
RIGHT_FEEDBACK = re.compile(r"^(Right|Yes|Correct)\b")
CARD = re.compile(r'<section class="card"[^>]*>(.*?)</section>', re.S)
CHOICE = re.compile(r"<li><strong>(.*?)</strong>(.*?)(?:<br>(.*?))?</li>", re.S)


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@dataclass
class Knowledge:
    """What the attacker knows of one question, from result pages alone."""

    right: set[str] = field(default_factory=set)
    wrong: set[str] = field(default_factory=set)
    key: frozenset[str] | None = None
    multiple: bool = False


def read_result(html: str, known: dict[str, Knowledge]) -> None:
    """Learn everything a result page gives away about the key."""
    for card in CARD.findall(html):
        heading = re.search(r"<h3[^>]*>\d+\. (.*?)</h3>", card, re.S)
        if heading is None:
            continue
        question = _text(heading[1])
        facts = known.setdefault(question, Knowledge())
        marked_right = 'badge--ok">Right<' in card
        picked, marked = set(), set()
        for text, marks, feedback in CHOICE.findall(card):
            choice = _text(text)
            if "your answer" in marks:
                picked.add(choice)
            if "correct" in marks.lower() or "✓" in marks:
                marked.add(choice)
            if feedback and RIGHT_FEEDBACK.match(_text(feedback)):
                facts.right.add(choice)
            elif feedback and "your answer" in marks:
                facts.wrong.add(choice)
        if marked:
            facts.key = frozenset(marked)
        elif marked_right and picked:
            facts.key = frozenset(picked)
        elif picked and not facts.multiple:
            facts.wrong |= picked


def attack_answers(html: str, known: dict[str, Knowledge], *, probe: bool) -> dict:
    """The form's answers from what is known: the key where read, else a best guess. While
    probing (attempts meant to fail), a multiple-select question gets every box ticked, to read
    the feedback of each choice."""
    attempt, questions = form_fields(html)
    kinds = ["(choose all that apply)" in f for f in re.findall(r"<legend>.*?</legend>", html)]
    data = {"attempt": attempt}
    for (text, name, choices), multiple in zip(questions, kinds, strict=True):
        facts = known.setdefault(text, Knowledge())
        facts.multiple = multiple
        by_text = sorted(choices, key=lambda c: c[1])
        if facts.key is not None:
            picked = [cid for cid, label in choices if label in facts.key]
        elif multiple:
            if probe:
                picked = [cid for cid, _ in by_text]
            else:
                picked = [cid for cid, label in by_text if label in facts.right] or [by_text[0][0]]
        elif facts.right:
            picked = [cid for cid, label in choices if label in facts.right][:1]
        else:
            open_ = [cid for cid, label in by_text if label not in facts.wrong]
            picked = open_[:1] or [by_text[0][0]]
        data[name] = picked
    return data


@pytest.fixture
def seeded_draws(monkeypatch):
    """Every draw and shuffle from a fixed seed, so the attack plays out the same each run."""
    seeds = iter(range(1000))
    monkeypatch.setattr(random, "SystemRandom", lambda: random.Random(next(seeds)))


def replay_attack(client, quiz: QuizPage) -> list[float]:
    """Two attempts that read the pages, then a third answered from what they showed."""
    known: dict[str, Knowledge] = {}
    scores = []
    for number in (1, 2, 3):
        html = client.get(quiz.url).content.decode()
        response = client.post(quiz.url, attack_answers(html, known, probe=number < 3))
        assert response.status_code == 303
        read_result(client.get(response["Location"]).content.decode(), known)
        attempt = QuizAttempt.objects.get(pk=response["Location"].rsplit("=", 1)[1])
        scores.append(float(attempt.score))
        if attempt.passed:
            break
    return scores


def test_failed_results_do_not_give_the_key_for_a_perfect_third_attempt(
    client, mentor, seeded_draws
):
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.save()
    assert quiz.max_attempts == 3 and quiz.draw_count == 8
    client.force_login(mentor)
    scores = replay_attack(client, quiz)
    print(f"attack scores by attempt: {scores}")
    assert len(scores) == 3, f"passed early on what the pages gave away: {scores}"
    assert scores[2] < 100
    assert scores[2] < quiz.pass_mark


@pytest.mark.parametrize("seed_base", [0, 100, 200, 300, 400])
def test_the_attack_never_passes_whatever_the_draw(client, mentor, monkeypatch, seed_base):
    seeds = iter(range(seed_base, seed_base + 1000))
    monkeypatch.setattr(random, "SystemRandom", lambda: random.Random(next(seeds)))
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.save()
    client.force_login(mentor)
    scores = replay_attack(client, quiz)
    print(f"seed {seed_base}: attack scores by attempt: {scores}")
    assert not QuizAttempt.objects.filter(user=mentor, passed=True).exists(), scores


def _result_html(client, attempt: QuizAttempt) -> str:
    return client.get(f"{attempt.quiz.url}?attempt={attempt.pk}").content.decode()


def test_failed_result_shows_missed_questions_picked_feedback_and_lessons_only(client, mentor):
    first = modules()[0]
    quiz = quiz_of(first)
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=False)
    attempt = QuizAttempt.objects.get(user=mentor)
    html = _result_html(client, attempt)
    assert "Not passed yet" in html and "Review before your next try" in html
    assert "· correct" not in html and "✓" not in html
    for question in training.attempt_questions(attempt):
        picked = set(attempt.answers[question.id])
        assert question.text.replace("'", "&#x27;") in html
        for choice in question.choices:
            feedback = choice.feedback.replace("'", "&#x27;").replace('"', "&quot;")
            if choice.id not in picked:
                assert feedback not in html, "feedback of a choice the learner did not pick"
            elif question.kind != "multiple":
                assert feedback in html, "feedback of the learner's own choice"
    assert html.count('badge--bad">Not right<') == len(attempt.question_ids)


def test_full_review_opens_when_no_attempt_is_left_and_closes_again_on_a_grant(
    client, mentor, coordinator
):
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.max_attempts = 2
    quiz.save()
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=False)
    one = QuizAttempt.objects.get(user=mentor, number=1)
    assert "· correct" not in _result_html(client, one)
    answer_quiz(client, quiz, first.slug, right=False)
    two = QuizAttempt.objects.get(user=mentor, number=2)
    for attempt in (one, two):
        html = _result_html(client, attempt)
        assert "· correct" in html
        for question in training.attempt_questions(attempt):
            for choice in question.choices:
                assert choice.feedback.replace("'", "&#x27;").replace('"', "&quot;") in html
    training.quiz_attempts_grant(
        user=mentor, quiz=quiz, attempts=1, reason="Asked for one more", granted_by=coordinator
    )
    assert "· correct" not in _result_html(client, two)


def test_after_passing_only_keeps_the_key_hidden_when_attempts_run_out(client, mentor):
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.max_attempts = 1
    quiz.review_answers = QuizPage.ReviewAnswers.AFTER_PASSING
    quiz.save()
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=False)
    html = _result_html(client, QuizAttempt.objects.get(user=mentor))
    assert "You have used all your attempts at this quiz." in html
    assert "· correct" not in html
    assert "The right answers are shown once you pass this quiz." in html


def test_passing_opens_the_full_review_of_every_attempt(client, mentor):
    first = modules()[0]
    quiz = quiz_of(first)
    quiz.cooldown_minutes = 0
    quiz.review_answers = QuizPage.ReviewAnswers.AFTER_PASSING
    quiz.save()
    client.force_login(mentor)
    answer_quiz(client, quiz, first.slug, right=False)
    answer_quiz(client, quiz, first.slug, right=True)
    failed = QuizAttempt.objects.get(user=mentor, number=1)
    html = _result_html(client, failed)
    assert html.count("· correct") >= len(failed.question_ids)


def test_the_review_choice_is_on_the_quiz_page_model_with_a_safe_help_text():
    field = QuizPage._meta.get_field("review_answers")
    assert set(field.choices) == set(QuizPage.ReviewAnswers.choices)
    assert field.default == QuizPage.ReviewAnswers.AFTER_PASSING_OR_NO_ATTEMPTS
