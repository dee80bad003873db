"""The selection pipeline's rules, as plain data: which moves a coordinator may make.

    applied -> interview -> in training -> approved -> active
    paused and withdrawn aside: any open stage may be paused or withdrawn; a paused application
    resumes at the stage it was paused from; a withdrawn one may only be reopened as applied.

No ORM here: services ask `move_problem` before they write, and tests cover it directly.
"""

from lms.mentorship.choices import ApplicationStage as S

PIPELINE: tuple[str, ...] = (S.APPLIED, S.INTERVIEW, S.IN_TRAINING, S.APPROVED, S.ACTIVE)
ASIDE: tuple[str, ...] = (S.PAUSED, S.WITHDRAWN)

# Only these stages make a mentor a candidate for pairing.
PAIRABLE: frozenset[str] = frozenset({S.APPROVED, S.ACTIVE})

SAME_STAGE = "The application is already at this stage."
NOT_ALLOWED = "An application cannot move from {current} to {target}."
RESUME_ONLY = "A paused application resumes at the stage it was paused from ({stage})."
REASON_NEEDED = "Say briefly why: the reason is kept with the decision."


def allowed_moves(current: str, *, paused_from: str = "") -> list[str]:
    """The stages an application at `current` may move to, in the pipeline's order."""
    if current == S.WITHDRAWN:
        return [S.APPLIED]
    if current == S.PAUSED:
        return [paused_from or S.APPLIED, S.WITHDRAWN]
    index = PIPELINE.index(current)
    forward = [PIPELINE[index + 1]] if index + 1 < len(PIPELINE) else []
    return [*forward, S.PAUSED, S.WITHDRAWN]


def move_problem(current: str, target: str, *, paused_from: str = "", reason: str = "") -> str:
    """Why this move is refused, or "" when it may be made."""
    if not reason.strip():
        return REASON_NEEDED
    if target == current:
        return SAME_STAGE
    if target in allowed_moves(current, paused_from=paused_from):
        return ""
    if current == S.PAUSED and target in PIPELINE:
        return RESUME_ONLY.format(stage=S(paused_from or S.APPLIED).label.lower())
    return NOT_ALLOWED.format(current=S(current).label.lower(), target=S(target).label.lower())


def is_pairable(stage: str | None) -> bool:
    """Approved or active: the only stages whose mentors may be offered to a mentee."""
    return stage in PAIRABLE
