"""How many hours a training module takes, worked out from its own content.

Pure functions, no database. A module's hours are its reading time, its activities and its quiz
(docs/curriculum-format.md, "Hours"):

- reading: the words of every lesson (body, boxes and reflection prompts) at READING_WPM words
  a minute, the pace of careful study reading;
- activities: ACTIVITY_MINUTES for each [!REFLECT] activity;
- quiz: QUIZ_MINUTES_PER_QUESTION for each question a learner answers in one attempt (the
  quiz's `draw`, or all its questions when it draws all).

The total is rounded to the nearest tenth of an hour, half up, and is never less than 0.1.
"""

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

READING_WPM = 150
ACTIVITY_MINUTES = 5
QUIZ_MINUTES_PER_QUESTION = Decimal("1.5")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class HoursDerivation:
    """The figures behind a module's hours, for showing how they were reached."""

    words: int
    activities: int
    questions: int

    @property
    def reading_minutes(self) -> Decimal:
        return Decimal(self.words) / READING_WPM

    @property
    def activity_minutes(self) -> Decimal:
        return Decimal(self.activities * ACTIVITY_MINUTES)

    @property
    def quiz_minutes(self) -> Decimal:
        return self.questions * QUIZ_MINUTES_PER_QUESTION

    @property
    def total_minutes(self) -> Decimal:
        return self.reading_minutes + self.activity_minutes + self.quiz_minutes

    @property
    def hours(self) -> Decimal:
        return max(TENTH, (self.total_minutes / 60).quantize(TENTH, rounding=ROUND_HALF_UP))

    def describe(self) -> str:
        """One line a learner or an auditor can check by hand."""
        return (
            f"{self.words:,} words at {READING_WPM} words a minute "
            f"({_minutes(self.reading_minutes)}) + {self.activities} reflection "
            f"{'activity' if self.activities == 1 else 'activities'} at {ACTIVITY_MINUTES} "
            f"minutes ({_minutes(self.activity_minutes)}) + {self.questions} quiz "
            f"{'question' if self.questions == 1 else 'questions'} at "
            f"{QUIZ_MINUTES_PER_QUESTION} minutes ({_minutes(self.quiz_minutes)}) = "
            f"{_minutes(self.total_minutes)}, {self.hours} hours"
        )


def _minutes(value: Decimal) -> str:
    return f"{value.quantize(TENTH, rounding=ROUND_HALF_UP)} min"


def module_hours(*, words: int, activities: int, questions: int) -> HoursDerivation:
    """The derivation of a module's hours from its counts."""
    if min(words, activities, questions) < 0:
        raise ValueError("counts cannot be negative")
    return HoursDerivation(words=words, activities=activities, questions=questions)


def lesson_minutes(*, words: int, activities: int) -> int:
    """A lesson's own time in whole minutes (reading plus activities), rounded up, at least 1."""
    minutes = Decimal(words) / READING_WPM + activities * ACTIVITY_MINUTES
    return max(1, math.ceil(minutes))


def stream_counts(stream: list[dict[str, object]]) -> tuple[int, int]:
    """(words, reflection activities) in a lesson body as content.sourcefiles builds it."""
    words = 0
    activities = 0
    for block in stream:
        if block["type"] == "reflection":
            activities += 1
        words += _words(block["value"])
    return words, activities


def _words(value: object) -> int:
    if isinstance(value, str):
        return len(re.sub(r"<[^>]+>", " ", value).split())
    if isinstance(value, dict):
        return sum(_words(part) for part in value.values())
    if isinstance(value, list):
        return sum(_words(part) for part in value)
    return 0
