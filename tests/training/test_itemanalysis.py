"""Item analysis against examples worked by hand."""

import math

import pytest

from lms.training.itemanalysis import ItemFlag, item_statistics

# Four learners, three questions, every question drawn every time.
#            q1     q2     q3
ATTEMPTS = [
    {"q1": True, "q2": True, "q3": True},  # strong
    {"q1": True, "q2": True, "q3": False},
    {"q1": True, "q2": False, "q3": False},
    {"q1": False, "q2": False, "q3": True},  # weak, but lucky on q3
]


def stats(question_id):
    results = item_statistics(ATTEMPTS, ["q1", "q2", "q3"])
    return next(s for s in results if s.question_id == question_id)


def test_facility_is_the_share_of_attempts_right():
    assert stats("q1").facility == 0.75
    assert stats("q2").facility == 0.5
    assert stats("q3").facility == 0.5


def test_discrimination_is_the_correlation_with_the_rest_of_the_attempt():
    # q2: item (1, 1, 0, 0) against the rest (q1, q3): (1, 0.5, 0.5, 0.5).
    # Means 0.5 and 0.625; deviations (0.5, 0.5, -0.5, -0.5) and (0.375, -0.125, -0.125, -0.125).
    # Sxy = 0.1875 + (-0.0625) + 0.0625 + 0.0625 = 0.25; Sxx = 1; Syy = 0.1875.
    # r = 0.25 / sqrt(1 * 0.1875) = 0.5774
    assert stats("q2").discrimination == pytest.approx(0.25 / math.sqrt(0.1875))
    # q3: item (1, 0, 0, 1) against the rest (q1, q2): (1, 1, 0.5, 0).
    # Means 0.5 and 0.625; deviations (0.5, -0.5, -0.5, 0.5) and (0.375, 0.375, -0.125, -0.625).
    # Sxy = 0.1875 - 0.1875 + 0.0625 - 0.3125 = -0.25; Sxx = 1;
    # Syy = 0.140625 + 0.140625 + 0.015625 + 0.390625 = 0.6875. r = -0.3015: a poor item.
    assert stats("q3").discrimination == pytest.approx(-0.25 / math.sqrt(1 * 0.6875))
    assert ItemFlag.POOR_DISCRIMINATION in stats("q3").flags
    assert ItemFlag.POOR_DISCRIMINATION not in stats("q2").flags


def test_easy_and_hard_items_are_flagged():
    everyone_right = [{"q": True, "other": i % 2 == 0} for i in range(10)]
    almost_nobody = [{"q": i == 0, "other": True} for i in range(10)]
    assert item_statistics(everyone_right, ["q"])[0].flags[0] == ItemFlag.TOO_EASY
    assert item_statistics(almost_nobody, ["q"])[0].facility == 0.1
    assert ItemFlag.TOO_HARD in item_statistics(almost_nobody, ["q"])[0].flags


def test_an_index_without_spread_or_attempts_is_none_and_raises_no_flag():
    all_right = [{"q": True, "other": True}, {"q": True, "other": False}]
    result = item_statistics(all_right, ["q", "never_drawn"])
    assert result[0].discrimination is None  # the item never varies
    assert result[1] == result[1].__class__("never_drawn", 0, None, None)
    assert result[1].flags == ()


def test_only_attempts_that_drew_the_question_count():
    drawn_sometimes = [{"a": True, "b": True}, {"b": False, "c": True}, {"a": False, "c": False}]
    by_id = {s.question_id: s for s in item_statistics(drawn_sometimes, ["a", "b", "c"])}
    assert (by_id["a"].attempts, by_id["a"].facility) == (2, 0.5)
    assert (by_id["c"].attempts, by_id["c"].facility) == (2, 0.5)
