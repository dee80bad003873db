"""The post-training evaluation's pure rules: checking a learner's answers against the questions,
and summing up a track's evaluations without saying who wrote what. No database.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

RATING, TEXT = "rating", "text"
RATINGS = (1, 2, 3, 4, 5)
TEXT_MAX_LENGTH = 2000

ANSWER_REQUIRED = "Answer this question."
RATING_INVALID = "Choose a rating from 1 to 5."
TEXT_TOO_LONG = f"Keep this answer to {TEXT_MAX_LENGTH:,} characters or fewer."

# One stored answer: {"question": id, "prompt": text, "kind": RATING | TEXT, "value": ...}.
Answer = dict[str, Any]


@dataclass(frozen=True)
class Question:
    """A question as the learner sees it."""

    id: int
    prompt: str
    kind: str
    required: bool = True


def clean_answers(
    questions: Sequence[Question], raw: Mapping[str, str]
) -> tuple[list[Answer], dict[int, str]]:
    """(answers to store, errors by question id). `raw` maps "q-<id>" to what the form sent.

    A rating is a whole number from 1 to 5; free text is trimmed and at most TEXT_MAX_LENGTH
    characters. An optional question left empty is stored with the value None.
    """
    answers: list[Answer] = []
    errors: dict[int, str] = {}
    for question in questions:
        value = (raw.get(f"q-{question.id}") or "").strip()
        stored: int | str | None = None
        if not value:
            if question.required:
                errors[question.id] = ANSWER_REQUIRED
        elif question.kind == RATING:
            if value not in {str(n) for n in RATINGS}:
                errors[question.id] = RATING_INVALID
            else:
                stored = int(value)
        elif len(value) > TEXT_MAX_LENGTH:
            errors[question.id] = TEXT_TOO_LONG
        else:
            stored = value
        answers.append(
            {
                "question": question.id,
                "prompt": question.prompt,
                "kind": question.kind,
                "value": stored,
            }
        )
    return answers, errors


@dataclass
class QuestionSummary:
    """One question's answers across a track's evaluations."""

    prompt: str
    kind: str
    responses: int = 0
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    texts: list[str] = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        """The mean rating to one decimal place, or None without ratings."""
        if self.kind != RATING or not self.responses:
            return None
        total = sum(rating * count for rating, count in self.counts.items())
        return (Decimal(total) / self.responses).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class EvaluationSummary:
    evaluations: int
    questions: list[QuestionSummary]


def summarize(
    evaluations: Iterable[Sequence[Mapping[str, Any]]], *, order: Sequence[int] = ()
) -> EvaluationSummary:
    """Each question's response count, rating counts and average, and its free-text answers.

    Questions come in `order` (the track's current question ids), then any no longer asked in
    the order first met. Free-text answers are sorted alphabetically, so their order says
    nothing about who sent them or when; no name or date is kept.
    """
    by_key: dict[tuple[int, str], QuestionSummary] = {}
    count = 0
    for answers in evaluations:
        count += 1
        for answer in answers:
            key = (answer["question"], answer["kind"])
            summary = by_key.setdefault(key, QuestionSummary(answer["prompt"], answer["kind"]))
            value = answer.get("value")
            if value in (None, ""):
                continue
            if answer["kind"] == RATING and value in RATINGS:
                summary.counts[value] += 1
                summary.responses += 1
            elif answer["kind"] == TEXT and isinstance(value, str):
                summary.texts.append(value)
                summary.responses += 1
    position = {question_id: index for index, question_id in enumerate(order)}
    keys = sorted(by_key, key=lambda key: position.get(key[0], len(position)))
    for summary in by_key.values():
        summary.texts.sort(key=str.casefold)
    return EvaluationSummary(evaluations=count, questions=[by_key[key] for key in keys])
