"""Helpers for driving the training as a learner would, through the pages."""

import re
from html import unescape

from lms.training.models import ModulePage, QuizPage
from tests.answer_key import correct_texts_from_source


def modules():
    return list(ModulePage.objects.live().order_by("path"))


def quiz_of(module) -> QuizPage:
    return QuizPage.objects.child_of(module).live().get()


def form_fields(html: str):
    """(attempt id, [(question, field name, [(choice id, text)])]) from the quiz form."""
    attempt = re.search(r'name="attempt" value="(\d+)"', html)[1]
    questions = []
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", html, re.S):
        legend = re.search(r"<legend>\d+\. (.*?)(?: <span|</legend>)", fieldset, re.S)[1]
        choices = re.findall(
            r'name="(q-[^"]+)" value="([^"]+)"[^>]*> <span>(.*?)</span>', fieldset, re.S
        )
        name = choices[0][0]
        questions.append(
            (unescape(legend.strip()), name, [(c, unescape(t)) for _, c, t in choices])
        )
    return attempt, questions


def answer_quiz(client, quiz, module_slug: str, *, right: bool):
    """Open the quiz page and submit answers from the source file (or wrong ones)."""
    html = client.get(quiz.url).content.decode()
    attempt, questions = form_fields(html)
    key = correct_texts_from_source(module_slug)
    data = {"attempt": attempt}
    for text, name, choices in questions:
        correct = [cid for cid, label in choices if label in key[text]]
        wrong = [cid for cid, label in choices if label not in key[text]]
        data[name] = correct if right else wrong[:1]
    return client.post(quiz.url, data)
