"""The program's focus and the agreement defaults it brings. Pure: no ORM.

A focus (detox support, outpatient recovery skills, reintegration after treatment) names the
mentee stages it is for and a default meeting frequency, meeting length and check-in topics. A
new agreement starts from the focus of the mentee's stage; a stage no focus claims starts from
FALLBACK, the defaults agreements had before focuses existed. The pair can change any of it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from lms.mentorship.choices import FocusKind, Frequency

# A meeting shorter than a quarter hour is a call, longer than three hours is not a check-in.
MEETING_MINUTES_MIN = 15
MEETING_MINUTES_MAX = 180
MEETING_MINUTES_DEFAULT = 60

MINUTES_RANGE = (
    f"Meeting length is between {MEETING_MINUTES_MIN} and {MEETING_MINUTES_MAX} minutes."
)
TOPIC_NEEDED = "Choose at least one check-in topic for this focus."
STAGE_TAKEN = "{stage} already belongs to the focus {focus}. A stage can have only one focus."
UNKNOWN_FOCUS = "Choose one of the program's focuses, or no particular focus."


@dataclass(frozen=True)
class AgreementDefaults:
    """What a new agreement starts from: the focus (its value, "" for none), its defaults, and
    the mentee stages it is for."""

    focus: str
    frequency: str
    meeting_minutes: int
    topic_ids: tuple[int, ...] = ()
    stages: frozenset[str] = frozenset()

    @property
    def focus_label(self) -> str:
        return FocusKind(self.focus).label if self.focus else ""


FALLBACK = AgreementDefaults(
    focus="", frequency=Frequency.WEEKLY, meeting_minutes=MEETING_MINUTES_DEFAULT
)


def minutes_problem(minutes: int | None) -> str:
    """Why this meeting length is refused, or ""."""
    if minutes is None or not MEETING_MINUTES_MIN <= minutes <= MEETING_MINUTES_MAX:
        return MINUTES_RANGE
    return ""


def defaults_for_stage(stage: str, focuses: Iterable[AgreementDefaults]) -> AgreementDefaults:
    """The defaults of the first focus whose stages include `stage`, else FALLBACK."""
    if stage:
        for defaults in focuses:
            if stage in defaults.stages:
                return defaults
    return FALLBACK
