import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.training import grading
from lms.training.grading import Choice, Question


def q(qid, kind="single", correct=("a",), choices=("a", "b", "c"), lesson=None):
    return Question(
        id=qid,
        kind=kind,
        text=f"Question {qid}",
        lesson_id=lesson,
        choices=tuple(
            Choice(id=c, text=c.upper(), correct=c in correct, feedback=f"fb {c}") for c in choices
        ),
    )


QUESTIONS = [q("1", lesson=10), q("2", kind="multiple", correct=("a", "b"), lesson=11), q("3")]


def test_all_right_scores_100_and_passes():
    result = grading.grade(QUESTIONS, {"1": {"a"}, "2": {"a", "b"}, "3": {"a"}}, pass_mark=80)
    assert result.score == Decimal("100.00") and result.passed


def test_multiple_select_is_all_or_nothing():
    result = grading.grade(QUESTIONS, {"1": {"a"}, "2": {"a"}, "3": {"a"}}, pass_mark=60)
    assert [r.correct for r in result.results] == [True, False, True]
    assert result.score == Decimal("66.67") and result.passed


def test_score_below_pass_mark_fails_and_names_lessons_of_missed_questions():
    result = grading.grade(QUESTIONS, {"1": {"b"}, "2": {"a", "b", "c"}, "3": {"a"}}, pass_mark=80)
    assert not result.passed
    assert result.missed_lesson_ids == [10, 11]


def test_pass_mark_is_inclusive():
    result = grading.grade(QUESTIONS[:1] + QUESTIONS[2:], {"1": {"a"}, "3": {"b"}}, pass_mark=50)
    assert result.score == Decimal("50.00") and result.passed


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"1": ["a"], "9": ["a"]}, grading.ANSWER_UNKNOWN_QUESTION),
        ({"1": ["zz"]}, grading.ANSWER_UNKNOWN_CHOICE),
        ({"1": ["a", "b"]}, grading.ANSWER_TOO_MANY),
        ({"2": ["a", "a"]}, grading.ANSWER_REPEATED),
    ],
)
def test_answers_a_form_cannot_produce_are_refused(raw, message):
    with pytest.raises(grading.AnswerError, match=message):
        grading.validate_answers(QUESTIONS, raw)


def test_unanswered_questions_are_reported_not_graded():
    answers, missing = grading.validate_answers(QUESTIONS, {"1": ["a"], "2": [""]})
    assert answers == {"1": frozenset({"a"})}
    assert missing == {"2": grading.ANSWER_MISSING, "3": grading.ANSWER_MISSING}


def test_draw_prefers_questions_not_yet_seen():
    ids = [str(i) for i in range(10)]
    drawn = grading.draw_questions(ids, seen=ids[:6], count=4, rng=random.Random(1))
    assert sorted(drawn) == ["6", "7", "8", "9"]


def test_draw_zero_means_all():
    assert sorted(grading.draw_questions(["a", "b"], seen=[], count=0, rng=random.Random(1))) == [
        "a",
        "b",
    ]


@settings(max_examples=200)
@given(
    n=st.integers(min_value=1, max_value=30),
    seen=st.integers(min_value=0, max_value=30),
    count=st.integers(min_value=0, max_value=40),
    seed=st.integers(),
)
def test_draw_returns_distinct_questions_of_the_pool_unseen_first(n, seen, count, seed):
    ids = [str(i) for i in range(n)]
    seen_ids = ids[: min(seen, n)]
    drawn = grading.draw_questions(ids, seen_ids, count, random.Random(seed))
    expected = n if count == 0 else min(count, n)
    assert len(drawn) == len(set(drawn)) == expected
    unseen_available = n - len(seen_ids)
    assert sum(1 for d in drawn if d not in seen_ids) == min(expected, unseen_available)


def test_true_false_keeps_true_first():
    question = q("t", kind="truefalse", correct=("f",), choices=("f", "t"))
    question = Question(
        id="t",
        kind="truefalse",
        text="?",
        choices=(Choice("f", "False", True, ""), Choice("t", "True", False, "")),
    )
    assert grading.shuffled_choice_ids(question, random.Random(3)) == ["t", "f"]
