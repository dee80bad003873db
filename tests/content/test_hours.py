from decimal import Decimal

import pytest

from content.hours import lesson_minutes, module_hours, stream_counts
from content.sourcefiles import body_to_stream, parse_sections


def test_hand_worked_module():
    # 1,500 words / 150 = 10 min; 2 activities x 5 = 10 min; 8 questions x 1.5 = 12 min.
    derivation = module_hours(words=1500, activities=2, questions=8)
    assert derivation.reading_minutes == 10
    assert derivation.activity_minutes == 10
    assert derivation.quiz_minutes == 12
    assert derivation.total_minutes == 32
    assert derivation.hours == Decimal("0.5")  # 32 / 60 = 0.533
    assert derivation.describe() == (
        "1,500 words at 150 words a minute (10.0 min) + 2 reflection activities at 5 minutes "
        "(10.0 min) + 8 quiz questions at 1.5 minutes (12.0 min) = 32.0 min, 0.5 hours"
    )


@pytest.mark.parametrize(
    ("words", "activities", "questions", "hours"),
    [
        (0, 0, 2, Decimal("0.1")),  # 3 minutes is 0.05 h: rounds half up to 0.1
        (0, 0, 1, Decimal("0.1")),  # never below a tenth
        (1800, 0, 0, Decimal("0.2")),  # 12 minutes
        (9000, 6, 20, Decimal("2.0")),  # 60 + 30 + 30 = 120 minutes
        (150 * 57, 0, 0, Decimal("1.0")),  # 57 min = 0.95 h, half up
        (150 * 56, 0, 0, Decimal("0.9")),  # 56 min = 0.933 h
    ],
)
def test_hours_round_to_the_nearest_tenth_half_up(words, activities, questions, hours):
    assert module_hours(words=words, activities=activities, questions=questions).hours == hours


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        module_hours(words=-1, activities=0, questions=0)


def test_lesson_minutes_round_up_and_are_at_least_one():
    assert lesson_minutes(words=0, activities=0) == 1
    assert lesson_minutes(words=150, activities=0) == 1
    assert lesson_minutes(words=151, activities=0) == 2
    assert lesson_minutes(words=300, activities=1) == 7


def test_stream_counts_words_in_every_block_and_reflections_as_activities():
    section = parse_sections(
        "x.md",
        "# Resource: T\nslug: s\n\nOne two three.\n\n> [!CALLOUT] Four five\n> Six.\n\n"
        "> [!KEYPOINTS]\n> - Seven eight\n\n> [!REFLECT]\n> Nine ten?\n",
    )[0]
    assert stream_counts(body_to_stream(section)) == (10, 1)
