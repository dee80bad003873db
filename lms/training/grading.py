"""Quiz grading and drawing: pure functions over plain data, no database.

A question is right only when the selected set of choices equals the set of correct choices
(all or nothing, also for multiple-select). The score is the percentage of questions right.
"""

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class QuestionKind(StrEnum):
    """How a question is answered; the values are stored in quiz blocks and content files."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "truefalse"

    @property
    def label(self) -> str:
        return {"single": "Single choice", "multiple": "Multiple select"}.get(
            self.value, "True or false"
        )

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(kind.value, kind.label) for kind in cls]


SHAPE_SINGLE = "A single-choice question needs exactly one correct choice, not {correct}."
SHAPE_MULTIPLE = "A multiple-select question needs at least one correct choice."
SHAPE_TRUE_FALSE = 'A true/false question has the choices "True" and "False", one of them correct.'
SHAPE_TOO_FEW = "A question needs at least two choices."
SHAPE_UNKNOWN_KIND = "Choose single choice, multiple select or true/false."

ANSWER_MISSING = "Choose an answer for this question."
ANSWER_UNKNOWN_QUESTION = "The answers name a question that is not in this attempt."
ANSWER_UNKNOWN_CHOICE = "An answer names a choice that this question does not have."
ANSWER_TOO_MANY = "This question takes one answer only."
ANSWER_REPEATED = "The same choice was sent twice."


class AnswerError(ValueError):
    """Answers that cannot be graded as sent (unknown, repeated or malformed)."""


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    choices: tuple[Choice, ...]
    lesson_id: int | None = None

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices if c.correct)

    @property
    def choice_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices)

    @property
    def shape_problem(self) -> str | None:
        return question_shape_problem(self.kind, [(c.text, c.correct) for c in self.choices])


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    selected: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.selected == self.question.correct_ids


@dataclass(frozen=True)
class GradeResult:
    results: tuple[QuestionResult, ...]
    score: Decimal
    passed: bool

    @property
    def missed(self) -> tuple[QuestionResult, ...]:
        return tuple(r for r in self.results if not r.correct)

    @property
    def missed_lesson_ids(self) -> list[int]:
        seen: list[int] = []
        for result in self.missed:
            lesson = result.question.lesson_id
            if lesson is not None and lesson not in seen:
                seen.append(lesson)
        return seen


def question_shape_problem(kind: str, choices: Sequence[tuple[str, bool]]) -> str | None:
    """What is wrong with a question's shape (kind and (text, correct) choices), or None.

    The one definition of a well-formed question: the quiz block, the curriculum loader and
    grading all ask it.
    """
    if kind not in {k.value for k in QuestionKind}:
        return SHAPE_UNKNOWN_KIND
    if len(choices) < 2:
        return SHAPE_TOO_FEW
    correct = sum(1 for _, is_correct in choices if is_correct)
    if kind == QuestionKind.SINGLE and correct != 1:
        return SHAPE_SINGLE.format(correct=correct)
    if kind == QuestionKind.MULTIPLE and correct < 1:
        return SHAPE_MULTIPLE
    if kind == QuestionKind.TRUE_FALSE and (
        sorted(text for text, _ in choices) != ["False", "True"] or correct != 1
    ):
        return SHAPE_TRUE_FALSE
    return None


def validate_answers(
    questions: Sequence[Question], raw: Mapping[str, Sequence[str]]
) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Check submitted answers against the attempt's questions.

    Returns (answers, missing) where missing maps question id to ANSWER_MISSING: a form error
    the learner fixes. Anything a browser form cannot produce (unknown question or choice, a
    repeated choice, two answers to a one-answer question) raises AnswerError.
    """
    by_id = {q.id: q for q in questions}
    unknown = set(raw) - set(by_id)
    if unknown:
        raise AnswerError(ANSWER_UNKNOWN_QUESTION)
    answers: dict[str, frozenset[str]] = {}
    missing: dict[str, str] = {}
    for question in questions:
        values = [v for v in raw.get(question.id, ()) if v != ""]
        if not values:
            missing[question.id] = ANSWER_MISSING
            continue
        if len(set(values)) != len(values):
            raise AnswerError(ANSWER_REPEATED)
        if not set(values) <= question.choice_ids:
            raise AnswerError(ANSWER_UNKNOWN_CHOICE)
        if question.kind != QuestionKind.MULTIPLE and len(values) > 1:
            raise AnswerError(ANSWER_TOO_MANY)
        answers[question.id] = frozenset(values)
    return answers, missing


def grade(
    questions: Sequence[Question], answers: Mapping[str, Iterable[str]], pass_mark: int
) -> GradeResult:
    """Grade every question (unanswered ones are wrong); pass when score >= pass_mark."""
    results = tuple(
        QuestionResult(question=q, selected=frozenset(answers.get(q.id, ()))) for q in questions
    )
    right = sum(1 for r in results if r.correct)
    score = (
        (Decimal(right) * 100 / Decimal(len(results))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if results
        else Decimal(0)
    )
    return GradeResult(results=results, score=score, passed=bool(results) and score >= pass_mark)


def right_answers_shown(
    *, passed: bool, attempts_left: int | None, after_passing_only: bool
) -> bool:
    """Whether results may show the right answers: once passed, or (unless the quiz keeps them
    for passing only) once no attempt is left. `attempts_left` None means no limit.

    Before then, marking the right choices of a failed attempt gives the key away: with
    unseen-first draws a learner reads the whole pool in two failed attempts.
    """
    if passed:
        return True
    return not after_passing_only and attempts_left == 0


def gradable(questions: Sequence[Question]) -> list[Question]:
    """The questions a learner can answer right: any saved before its shape was checked and
    found wrong (two correct choices in a single-choice question, say) is left out."""
    return [q for q in questions if q.shape_problem is None]


def draw_questions(
    question_ids: Sequence[str], seen: Iterable[str], count: int, rng: random.Random
) -> list[str]:
    """Draw `count` questions (all when count is 0 or too large), unseen ones first.

    A retake therefore shows questions the learner has not met before while any remain.
    """
    seen_set = set(seen)
    count = len(question_ids) if count <= 0 else min(count, len(question_ids))
    unseen = [q for q in question_ids if q not in seen_set]
    repeat = [q for q in question_ids if q in seen_set]
    rng.shuffle(unseen)
    rng.shuffle(repeat)
    drawn = (unseen + repeat)[:count]
    rng.shuffle(drawn)
    return drawn


def shuffled_choice_ids(question: Question, rng: random.Random) -> list[str]:
    """The question's choices in a fresh order; true/false keeps True before False."""
    ids = [c.id for c in question.choices]
    if question.kind == QuestionKind.TRUE_FALSE:
        return sorted(
            ids, key=lambda i: next(c.text for c in question.choices if c.id == i) != "True"
        )
    rng.shuffle(ids)
    return ids
