"""The CRS application checklist as plain data: which steps are done, and what comes next.

No ORM here (credentials/application.py gathers the facts). The requirements are PCB's for a
first application (../shared/DOMAIN.md, "The CRS credential"): education, the standardized
training hours, an essay on lived experience, a notarized release, the fee and the exam.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from credentials.choices import StepState

STUCK_AFTER_DAYS = 60
STEP_TITLES = [
    ("education", "Diploma or GED"),
    ("training", "CRS training hours"),
    ("essay", "Essay on lived experience"),
    ("release", "Notarized release"),
    ("fee", "Application fee"),
    ("exam", "PCB exam"),
]
_TITLE = dict(STEP_TITLES)


@dataclass(frozen=True)
class ApplicationFacts:
    education_kind: str
    has_education_proof: bool
    training_hours: Decimal
    training_hours_required: Decimal
    essay_words: int
    essay_words_required: int
    has_release: bool
    fee_paid_on: date | None
    exam_registered_on: date | None
    exam_passed_on: date | None


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    state: str
    proof: str  # what proves it
    detail: str  # where the mentor stands, in words
    next_words: str  # the next thing to do while the step is not done

    @property
    def done(self) -> bool:
        return self.state == StepState.DONE

    @property
    def state_label(self) -> str:
        return StepState(self.state).label


def essay_word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits, with inner apostrophes or
    hyphens (so "don't" and "well-being" are one word each, and a dash is none)."""
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


def _state(done: bool, started: bool) -> str:
    if done:
        return StepState.DONE
    return StepState.IN_PROGRESS if started else StepState.NOT_STARTED


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def application_steps(facts: ApplicationFacts) -> list[Step]:
    hours, needed = facts.training_hours, facts.training_hours_required
    words, words_needed = facts.essay_words, facts.essay_words_required
    return [
        Step(
            "education",
            _TITLE["education"],
            _state(facts.has_education_proof, bool(facts.education_kind)),
            "An upload of your high-school diploma or GED (veterans: discharge papers).",
            "Uploaded." if facts.has_education_proof else "Nothing uploaded yet.",
            "Upload your diploma, GED or discharge papers.",
        ),
        Step(
            "training",
            _TITLE["training"],
            _state(hours >= needed, hours > 0),
            "Modules completed here count by themselves; other trainings count from your "
            "continuing-education record with their certificate uploaded.",
            f"{_hours(hours)} of {_hours(needed)} hours.",
            f"Complete {_hours(max(needed - hours, Decimal(0)))} more hours of CRS training.",
        ),
        Step(
            "essay",
            _TITLE["essay"],
            _state(words >= words_needed, words > 0),
            f"Your essay of at least {words_needed:,} words, drafted here in private.",
            f"{words:,} of {words_needed:,} words.",
            f"Write your essay: {max(words_needed - words, 0):,} more words.",
        ),
        Step(
            "release",
            _TITLE["release"],
            _state(facts.has_release, False),
            "An upload of the release form, signed before a notary.",
            "Uploaded." if facts.has_release else "Nothing uploaded yet.",
            "Have the release notarized, then upload it.",
        ),
        Step(
            "fee",
            _TITLE["fee"],
            _state(facts.fee_paid_on is not None, False),
            "The date you paid PCB's fee.",
            f"Paid on {facts.fee_paid_on:%B %-d, %Y}." if facts.fee_paid_on else "Not paid yet.",
            "Pay the application fee and record the date.",
        ),
        Step(
            "exam",
            _TITLE["exam"],
            _state(facts.exam_passed_on is not None, facts.exam_registered_on is not None),
            "The dates you registered for the exam and passed it.",
            (
                f"Passed on {facts.exam_passed_on:%B %-d, %Y}."
                if facts.exam_passed_on
                else f"Registered on {facts.exam_registered_on:%B %-d, %Y}."
                if facts.exam_registered_on
                else "Not registered yet."
            ),
            "Record the day you pass the exam."
            if facts.exam_registered_on
            else "Register for the PCB exam and record the date.",
        ),
    ]


def steps_done(steps: list[Step]) -> int:
    return sum(step.done for step in steps)


def current_step(steps: list[Step]) -> Step | None:
    """The first step not done, in PCB's order; None when every step is done."""
    return next((step for step in steps if not step.done), None)


def next_step_words(steps: list[Step]) -> str:
    step = current_step(steps)
    if step is None:
        return "Every step is done: record your CRS number to start tracking your credential."
    return step.next_words


def states(steps: list[Step]) -> dict[str, str]:
    """Each step's state, to tell whether a save moved anything."""
    return {step.key: step.state for step in steps}
