"""Item analysis of quiz questions, as Moodle's quiz statistics report does it: pure functions.

For each question, over the submitted attempts that drew it:

- facility index: the share of those attempts that got it right (0 to 1). Over 0.9 the item is
  too easy to tell learners apart; under 0.3 it is too hard, or wrongly keyed.
- discrimination index: the correlation (Pearson's r, here the point-biserial correlation)
  between getting this item right (1 or 0) and the score on the rest of the attempt (the share of
  the other questions drawn that were right). Learners who know the material should get the
  item right more often: an index under 0.2 means the item does not separate them.

An index that cannot be computed (fewer than two attempts, or no spread in either score) is
None and raises no discrimination flag.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from math import sqrt

TOO_EASY = 0.9
TOO_HARD = 0.3
POOR_DISCRIMINATION = 0.2


class ItemFlag(StrEnum):
    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"
    POOR_DISCRIMINATION = "poor_discrimination"

    @property
    def label(self) -> str:
        return {
            "too_easy": "Too easy",
            "too_hard": "Too hard",
            "poor_discrimination": "Discriminates poorly",
        }[self.value]


@dataclass(frozen=True)
class ItemStatistics:
    question_id: str
    attempts: int
    facility: float | None
    discrimination: float | None

    @property
    def flags(self) -> tuple[ItemFlag, ...]:
        flags: list[ItemFlag] = []
        if self.facility is not None and self.facility > TOO_EASY:
            flags.append(ItemFlag.TOO_EASY)
        if self.facility is not None and self.facility < TOO_HARD:
            flags.append(ItemFlag.TOO_HARD)
        if self.discrimination is not None and self.discrimination < POOR_DISCRIMINATION:
            flags.append(ItemFlag.POOR_DISCRIMINATION)
        return tuple(flags)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sqrt(sxx * syy)


def item_statistics(
    attempts: Iterable[Mapping[str, bool]], question_ids: Iterable[str]
) -> list[ItemStatistics]:
    """Facility and discrimination for each question, from attempts given as
    {question id: answered right} over the questions each attempt drew."""
    rows = [dict(attempt) for attempt in attempts]
    result = []
    for question_id in question_ids:
        item: list[float] = []  # 1 or 0, every attempt that drew the question
        paired_item: list[float] = []  # the same, where the attempt had other questions too
        rest: list[float] = []  # the share right of those other questions
        for row in rows:
            if question_id not in row:
                continue
            score = 1.0 if row[question_id] else 0.0
            item.append(score)
            others = [right for other, right in row.items() if other != question_id]
            if others:
                paired_item.append(score)
                rest.append(sum(others) / len(others))
        result.append(
            ItemStatistics(
                question_id=question_id,
                attempts=len(item),
                facility=sum(item) / len(item) if item else None,
                discrimination=_pearson(paired_item, rest),
            )
        )
    return result
