"""How well a mentor suits a mentee: a pure function over plain data, with the reasons shown.

No ORM here. lms/mentorship/selectors.py turns profiles into MenteeFacts and MentorFacts and the
coordinator's ScoringWeights row into Weights; this module scores, explains and ranks.

Each criterion gives a fraction between 0 and 1, multiplied by its weight. A criterion the mentee
has said nothing about (no goals listed, no gender preference) is "not counted": it adds nothing
to the points or to the maximum, so the percentage is over what the mentee asked for. The
maximum depends only on the mentee, so ranking by percentage is ranking by points.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from lms.mentorship.choices import (
    GenderPreference,
    Language,
    MeetingFormat,
    MentorStatus,
    RecoveryStage,
    SupportStyle,
    TimeSlot,
)

NOT_APPROVED = "Not approved as a mentor (selection not finished)"
NOT_QUALIFIED = "Not yet qualified: no active CRS credential and the training track not completed"
AT_CAPACITY = "No capacity left"
PAUSED = "Paused"
NO_CONSENT = "Has not agreed to be matched"


class Criterion:
    """The criteria, in the order reasons are shown; each has a field of the same name in
    Weights."""

    EXPERIENCE = "shared_experience"
    GOALS = "goals"
    STAGE = "stage"
    AVAILABILITY = "availability"
    LANGUAGE = "language"
    SUPPORT_STYLE = "support_style"
    GENDER = "gender_preference"

    ALL = (EXPERIENCE, GOALS, STAGE, AVAILABILITY, LANGUAGE, SUPPORT_STYLE, GENDER)
    LABELS = {
        EXPERIENCE: "Shared experience",
        GOALS: "Goals",
        STAGE: "Stage",
        AVAILABILITY: "Availability",
        LANGUAGE: "Language",
        SUPPORT_STYLE: "Support style",
        GENDER: "Mentor gender preference",
    }


@dataclass(frozen=True)
class Weights:
    """Points each criterion is worth; 0 switches a criterion off."""

    shared_experience: int = 25
    goals: int = 20
    stage: int = 15
    availability: int = 15
    language: int = 15
    support_style: int = 10
    gender_preference: int = 10

    def of(self, criterion: str) -> int:
        value: int = getattr(self, criterion)
        return value


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class MenteeFacts:
    """What the mentee asked for. Experience and goals are names from the coordinator's lists."""

    experience_areas: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()
    stage: str = ""
    formats: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    gender_preference: str = GenderPreference.NONE
    support_style: str = SupportStyle.BOTH


@dataclass(frozen=True)
class MentorFacts:
    """What a mentor offers, and whether they can take a mentee now."""

    id: int
    name: str = ""
    experience_areas: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    gender: str = ""
    support_style: str = SupportStyle.BOTH
    capacity_left: int = 1
    status: str = MentorStatus.ACTIVE
    qualified: bool = True
    consented: bool = True
    approved: bool = True


@dataclass(frozen=True)
class Reason:
    """One criterion's contribution, in words a coordinator can check."""

    criterion: str
    points: Fraction
    weight: int
    text: str
    counted: bool = True

    @property
    def label(self) -> str:
        return Criterion.LABELS[self.criterion]

    @property
    def points_display(self) -> str:
        """Whole points when exact, else one decimal."""
        if self.points.denominator == 1:
            return str(self.points.numerator)
        return f"{float(self.points):.1f}"


@dataclass(frozen=True)
class Score:
    mentor: MentorFacts
    points: Fraction
    maximum: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def percent(self) -> int:
        if not self.maximum:
            return 0
        return round(self.points * 100 / self.maximum)

    def as_dict(self) -> dict[str, object]:
        """A JSON-safe snapshot, kept on the pairing so the reasons survive later edits."""
        return {
            "percent": self.percent,
            "reasons": [
                {
                    "criterion": r.criterion,
                    "points": r.points_display,
                    "weight": r.weight,
                    "counted": r.counted,
                    "text": r.text,
                }
                for r in self.reasons
            ],
        }


def _names(values: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    items = sorted(values)
    if labels is not None:
        items = [labels.get(v, v) for v in items]
    return ", ".join(items)


def _label_map(choices: Iterable[tuple[str, str]]) -> dict[str, str]:
    return dict(choices)


FORMAT_LABELS = _label_map(MeetingFormat.choices)
TIME_LABELS = _label_map(TimeSlot.choices)
LANGUAGE_LABELS = _label_map(Language.choices)
STAGE_LABELS = _label_map(RecoveryStage.choices)


def _not_counted(criterion: str, weight: int, text: str) -> Reason:
    return Reason(criterion, Fraction(0), weight, text, counted=False)


def _overlap(
    criterion: str,
    weight: int,
    wanted: frozenset[str],
    offered: frozenset[str],
    noun: str,
    labels: Mapping[str, str] | None = None,
) -> Reason:
    """Points for the share of what the mentee listed that the mentor also has."""
    if not wanted:
        return _not_counted(criterion, weight, f"The mentee listed no {noun}: not counted.")
    shared = wanted & offered
    points = Fraction(weight * len(shared), len(wanted))
    if not shared:
        return Reason(criterion, points, weight, f"None of the {len(wanted)} {noun} in common.")
    text = f"{_names(shared, labels)} ({len(shared)} of {len(wanted)} {noun})."
    return Reason(criterion, points, weight, text)


def _stage(weight: int, mentee: MenteeFacts, mentor: MentorFacts) -> Reason:
    if not mentee.stage:
        return _not_counted(Criterion.STAGE, weight, "The mentee's stage is not recorded.")
    label = STAGE_LABELS.get(mentee.stage, mentee.stage)
    if mentee.stage in mentor.stages:
        return Reason(Criterion.STAGE, Fraction(weight), weight, f"Supports: {label}.")
    return Reason(Criterion.STAGE, Fraction(0), weight, f"Has not said they support: {label}.")


def _availability(weight: int, mentee: MenteeFacts, mentor: MentorFacts) -> Reason:
    """Half for a shared meeting format, half for the share of preferred times that match."""
    parts: list[Fraction] = []
    words: list[str] = []
    if mentee.formats:
        formats = mentee.formats & mentor.formats
        parts.append(Fraction(1) if formats else Fraction(0))
        words.append(
            f"formats in common: {_names(formats, FORMAT_LABELS).lower()}"
            if formats
            else "no meeting format in common"
        )
    if mentee.times:
        times = mentee.times & mentor.times
        parts.append(Fraction(len(times), len(mentee.times)))
        words.append(f"{len(times)} of {len(mentee.times)} preferred times match")
    if not parts:
        return _not_counted(
            Criterion.AVAILABILITY, weight, "The mentee gave no format or times: not counted."
        )
    points = weight * sum(parts, Fraction(0)) / len(parts)
    text = "; ".join(words)
    return Reason(Criterion.AVAILABILITY, points, weight, text[0].upper() + text[1:] + ".")


def _language(weight: int, mentee: MenteeFacts, mentor: MentorFacts) -> Reason:
    if not mentee.languages:
        return _not_counted(Criterion.LANGUAGE, weight, "The mentee listed no language.")
    shared = mentee.languages & mentor.languages
    if shared:
        names = _names(shared, LANGUAGE_LABELS)
        return Reason(Criterion.LANGUAGE, Fraction(weight), weight, f"Both speak {names}.")
    return Reason(Criterion.LANGUAGE, Fraction(0), weight, "No language in common.")


SUPPORT_FIT: dict[tuple[str, str], Fraction] = {
    # (mentee wants, mentor offers) -> fraction
    (SupportStyle.EMOTIONAL, SupportStyle.EMOTIONAL): Fraction(1),
    (SupportStyle.EMOTIONAL, SupportStyle.BOTH): Fraction(1),
    (SupportStyle.EMOTIONAL, SupportStyle.PRACTICAL): Fraction(0),
    (SupportStyle.PRACTICAL, SupportStyle.PRACTICAL): Fraction(1),
    (SupportStyle.PRACTICAL, SupportStyle.BOTH): Fraction(1),
    (SupportStyle.PRACTICAL, SupportStyle.EMOTIONAL): Fraction(0),
    (SupportStyle.BOTH, SupportStyle.BOTH): Fraction(1),
    (SupportStyle.BOTH, SupportStyle.EMOTIONAL): Fraction(1, 2),
    (SupportStyle.BOTH, SupportStyle.PRACTICAL): Fraction(1, 2),
}


def _support_style(weight: int, mentee: MenteeFacts, mentor: MentorFacts) -> Reason:
    fit = SUPPORT_FIT.get((mentee.support_style, mentor.support_style), Fraction(0))
    wanted = SupportStyle(mentee.support_style).label.split(":")[0].lower()
    offered = SupportStyle(mentor.support_style).label.split(":")[0].lower()
    if fit == 1:
        text = f"Mentee prefers {wanted}; mentor offers {offered}."
    elif fit:
        text = f"Mentee prefers both; mentor offers {offered} only."
    else:
        text = f"Mentee prefers {wanted}; mentor offers {offered}."
    return Reason(Criterion.SUPPORT_STYLE, weight * fit, weight, text)


def _gender(weight: int, mentee: MenteeFacts, mentor: MentorFacts) -> Reason:
    if not mentee.gender_preference:
        return _not_counted(Criterion.GENDER, weight, "No preference: not counted.")
    wanted = GenderPreference(mentee.gender_preference).label.lower()
    if mentor.gender == mentee.gender_preference:
        return Reason(Criterion.GENDER, Fraction(weight), weight, f"Mentee asked for {wanted}.")
    return Reason(
        Criterion.GENDER, Fraction(0), weight, f"Mentee asked for {wanted}; this mentor is not."
    )


def score(mentee: MenteeFacts, mentor: MentorFacts, weights: Weights = DEFAULT_WEIGHTS) -> Score:
    """Points, maximum and one reason per criterion for this mentor and mentee."""
    reasons: tuple[Reason, ...] = (
        _overlap(
            Criterion.EXPERIENCE,
            weights.shared_experience,
            mentee.experience_areas,
            mentor.experience_areas,
            "areas of experience",
        ),
        _overlap(Criterion.GOALS, weights.goals, mentee.goals, mentor.goals, "goals"),
        _stage(weights.stage, mentee, mentor),
        _availability(weights.availability, mentee, mentor),
        _language(weights.language, mentee, mentor),
        _support_style(weights.support_style, mentee, mentor),
        _gender(weights.gender_preference, mentee, mentor),
    )
    reasons = tuple(
        r if r.weight else _not_counted(r.criterion, 0, "Weight is 0: not counted.")
        for r in reasons
    )
    counted = [r for r in reasons if r.counted]
    return Score(
        mentor=mentor,
        points=sum((r.points for r in counted), Fraction(0)),
        maximum=sum(r.weight for r in counted),
        reasons=reasons,
    )


def ineligibility(mentor: MentorFacts) -> list[str]:
    """Why this mentor cannot take a mentee now; empty when they can."""
    problems = []
    if not mentor.approved:
        problems.append(NOT_APPROVED)
    if not mentor.consented:
        problems.append(NO_CONSENT)
    if not mentor.qualified:
        problems.append(NOT_QUALIFIED)
    if mentor.status == MentorStatus.PAUSED:
        problems.append(PAUSED)
    if mentor.capacity_left <= 0:
        problems.append(AT_CAPACITY)
    return problems


def rank(
    mentee: MenteeFacts, mentors: Iterable[MentorFacts], weights: Weights = DEFAULT_WEIGHTS
) -> list[Score]:
    """Eligible mentors, best first; ties go to more capacity left, then the lower id."""
    scores = [score(mentee, m, weights) for m in mentors if not ineligibility(m)]
    return sorted(scores, key=lambda s: (-s.points, -s.mentor.capacity_left, s.mentor.id))
