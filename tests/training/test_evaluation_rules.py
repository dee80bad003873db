"""The evaluation's pure rules: what a learner's answers must be, and a summary that keeps no
trace of who wrote what."""

from decimal import Decimal

from lms.training.evaluation import (
    ANSWER_REQUIRED,
    RATING_INVALID,
    TEXT_MAX_LENGTH,
    TEXT_TOO_LONG,
    Question,
    clean_answers,
    summarize,
)

RATE = Question(id=1, prompt="Useful?", kind="rating")
SAY = Question(id=2, prompt="What would you change?", kind="text", required=False)
MUST_SAY = Question(id=3, prompt="Most useful part?", kind="text")


def test_ratings_are_whole_numbers_from_one_to_five():
    for bad in ("0", "6", "3.5", "three", "-1", " 1 2"):
        _, errors = clean_answers([RATE], {"q-1": bad})
        assert errors == {1: RATING_INVALID}, bad
    answers, errors = clean_answers([RATE], {"q-1": " 4 "})
    assert errors == {}
    assert answers == [{"question": 1, "prompt": "Useful?", "kind": "rating", "value": 4}]


def test_required_questions_need_an_answer_and_optional_ones_may_stay_empty():
    answers, errors = clean_answers([RATE, SAY, MUST_SAY], {"q-3": "   "})
    assert errors == {1: ANSWER_REQUIRED, 3: ANSWER_REQUIRED}
    assert answers[1]["value"] is None


def test_free_text_is_trimmed_and_limited():
    answers, errors = clean_answers([SAY], {"q-2": "  More role play.  "})
    assert errors == {} and answers[0]["value"] == "More role play."
    _, errors = clean_answers([SAY], {"q-2": "x" * (TEXT_MAX_LENGTH + 1)})
    assert errors == {2: TEXT_TOO_LONG}
    _, errors = clean_answers([SAY], {"q-2": "x" * TEXT_MAX_LENGTH})
    assert errors == {}


def test_answers_to_questions_not_asked_are_ignored():
    answers, errors = clean_answers([RATE], {"q-1": "5", "q-99": "injected", "name": "x"})
    assert errors == {}
    assert [a["question"] for a in answers] == [1]


def _answers(rating, text):
    return [
        {"question": 1, "prompt": "Useful?", "kind": "rating", "value": rating},
        {"question": 2, "prompt": "What would you change?", "kind": "text", "value": text},
    ]


def test_summary_counts_averages_and_sorts_free_text_alphabetically():
    summary = summarize(
        [_answers(5, "zebra crossing"), _answers(4, None), _answers(4, "Apples"), _answers(2, "")],
        order=[1, 2],
    )
    assert summary.evaluations == 4
    rating, text = summary.questions
    assert rating.responses == 4
    assert rating.counts == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert rating.average == Decimal("3.8")  # 15 / 4 = 3.75, half up
    assert text.responses == 2
    assert text.texts == ["Apples", "zebra crossing"]  # not the order they were sent in
    assert text.average is None


def test_summary_follows_the_current_order_and_keeps_retired_questions_last():
    retired = [{"question": 9, "prompt": "Old question", "kind": "rating", "value": 3}]
    summary = summarize([retired + _answers(5, "ok")], order=[2, 1])
    assert [q.prompt for q in summary.questions] == [
        "What would you change?",
        "Useful?",
        "Old question",
    ]


def test_an_empty_summary_has_no_average():
    summary = summarize([], order=[1])
    assert summary.evaluations == 0
    assert summary.questions == []
