"""Writes and reads of mentor selection: applying, moving an application through the pipeline,
recording interviews, and the coordinators' board.

Kept beside services.py and selectors.py (which are long already) with the same conventions:
keyword-only, `now=None`, transactions, refusals as ValidationError with the constants below.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from lms.accounts.models import User
from lms.accounts.roles import Role, user_has_role
from lms.common import datebounds
from lms.mentorship import notices, selection
from lms.mentorship.choices import ApplicationStage, Recommendation
from lms.mentorship.models import (
    ApplicationDecision,
    Interview,
    InterviewScore,
    MentorApplication,
    RubricCriterion,
)

ALREADY_APPLIED = "You have already applied. Your application's page shows where it stands."
NOT_A_MENTOR = "Only a mentor account can apply to mentor."
CANNOT_EDIT = "The application can be changed only while it waits for an interview."
INTERVIEW_IN_FUTURE = "The interview date cannot be in the future."
SCORE_MISSING = "Score every criterion of the rubric from 1 to 4."
SCORE_RANGE = "A score is from 1 to 4."
NOT_INTERVIEWABLE = "Interviews are recorded for applications at the interview stage or later."
UNKNOWN_STAGE = "There is no stage called {value}. Every stage is shown."

# Applications whose next move is a coordinator's: a new application to answer with an
# interview, and an interviewed applicant to decide on. Later stages wait on the applicant's
# training or on a pairing, not on a decision.
WAITING_STAGES: tuple[str, ...] = (ApplicationStage.APPLIED, ApplicationStage.INTERVIEW)

APPLICATION_FIELDS = (
    "time_in_recovery",
    "private_details",
    "reference_1_name",
    "reference_1_contact",
    "reference_2_name",
    "reference_2_contact",
)

# The applicant's page explains each stage in neutral words (no reasons: those are for the
# coordinators who decide).
STAGE_EXPLANATIONS = {
    ApplicationStage.APPLIED: "We have your application. A coordinator will be in touch about "
    "an interview.",
    ApplicationStage.INTERVIEW: "A coordinator will arrange a conversation with you.",
    ApplicationStage.IN_TRAINING: "Next: the training track. Your progress shows on your "
    "training dashboard.",
    ApplicationStage.APPROVED: "You are approved to mentor. A coordinator will tell you when "
    "you are paired.",
    ApplicationStage.ACTIVE: "You are an active mentor.",
    ApplicationStage.PAUSED: "Your application is on hold for now. A coordinator can tell you "
    "more.",
    ApplicationStage.WITHDRAWN: "Your application is closed. You are welcome to talk to a "
    "coordinator about applying again.",
}


def _clean(data: dict) -> dict:
    return {name: str(data.get(name, "") or "").strip() for name in APPLICATION_FIELDS}


# --- Writes ---------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *, user: User, data: dict, profile_data: dict | None = None, now=None
) -> MentorApplication:
    """A mentor account applies, once. Availability and languages go to the matching profile."""
    from lms.mentorship import services

    now = now or timezone.now()
    if not user_has_role(user, Role.MENTOR):
        raise ValidationError(NOT_A_MENTOR)
    if MentorApplication.objects.filter(user=user).exists():
        raise ValidationError(ALREADY_APPLIED)
    try:
        with transaction.atomic():
            application = MentorApplication.objects.create(
                user=user, submitted_at=now, stage_since=now, **_clean(data)
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_APPLIED) from error
    ApplicationDecision.objects.create(
        application=application,
        from_stage="",
        to_stage=ApplicationStage.APPLIED,
        reason="Application received",
        decided_by=user,
        decided_by_email=user.email,
        decided_at=now,
    )
    if profile_data:
        services.mentor_profile_save(
            mentor=user, data=profile_data, by=user, reason="From the application", now=now
        )
    return application


@transaction.atomic
def application_update(
    *, application: MentorApplication, user: User, data: dict, profile_data: dict | None = None
) -> MentorApplication:
    """The applicant corrects their answers while the application waits for an interview."""
    from lms.mentorship import services

    application = MentorApplication.objects.select_for_update().get(pk=application.pk)
    if application.user_id != user.pk or application.stage != ApplicationStage.APPLIED:
        raise ValidationError(CANNOT_EDIT)
    for name, value in _clean(data).items():
        setattr(application, name, value)
    application.save()
    if profile_data:
        services.mentor_profile_save(
            mentor=user, data=profile_data, by=user, reason="From the application"
        )
    return application


@transaction.atomic
def application_move(
    *, application: MentorApplication, to_stage: str, reason: str, by: User, now=None
) -> ApplicationDecision:
    """A coordinator moves an application, with a reason; the applicant is told in neutral
    words (after commit, through the task worker)."""
    from lms.mentorship.services import _notify

    now = now or timezone.now()
    application = MentorApplication.objects.select_for_update().get(pk=application.pk)
    target = ApplicationStage(to_stage)
    problem = selection.move_problem(
        application.stage, target, paused_from=application.paused_from, reason=reason
    )
    if problem:
        field = "reason" if problem == selection.REASON_NEEDED else "to_stage"
        raise ValidationError({field: problem})
    decision = ApplicationDecision.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=target,
        reason=reason.strip()[:300],
        decided_by=by,
        decided_by_email=by.email,
        decided_at=now,
    )
    application.paused_from = application.stage if target == ApplicationStage.PAUSED else ""
    application.stage = target
    application.stage_since = now
    application.save(update_fields=["stage", "paused_from", "stage_since"])
    _notify(notices.APPLICATION_DECISION, [application.user_id])
    return decision


@transaction.atomic
def interview_record(
    *,
    application: MentorApplication,
    held_on: date,
    recommendation: str,
    scores: dict[int, tuple[int, str]],
    summary: str = "",
    by: User,
    now=None,
) -> Interview:
    """Record an interview: a 1-4 score and a note for every active rubric criterion
    (`scores` maps criterion id to (score, note)), and an overall recommendation."""
    now = now or timezone.now()
    if application.stage in (ApplicationStage.APPLIED, ApplicationStage.WITHDRAWN):
        raise ValidationError(NOT_INTERVIEWABLE)
    if too_early := datebounds.date_bounds_error(held_on):
        raise ValidationError({"held_on": too_early})
    if held_on > timezone.localdate(now):
        raise ValidationError({"held_on": INTERVIEW_IN_FUTURE})
    criteria = list(RubricCriterion.objects.active())
    if any(c.pk not in scores for c in criteria):
        raise ValidationError(SCORE_MISSING)
    if any(not 1 <= scores[c.pk][0] <= 4 for c in criteria):
        raise ValidationError(SCORE_RANGE)
    interview = Interview.objects.create(
        application=application,
        held_on=held_on,
        interviewer=by,
        recommendation=Recommendation(recommendation),
        summary=summary.strip(),
        recorded_at=now,
    )
    InterviewScore.objects.bulk_create(
        InterviewScore(
            interview=interview,
            criterion=c,
            criterion_name=c.name,
            score=scores[c.pk][0],
            note=scores[c.pk][1].strip()[:300],
        )
        for c in criteria
    )
    return interview


# --- Reads ----------------------------------------------------------------------------------


def crs_in_force(*, user: User, today: date | None = None) -> bool:
    """Whether the person holds a confirmed CRS credential in force, asked of the provider the
    settings name (lms never imports credentials): docs/decisions/0071."""
    dotted = getattr(settings, "MENTOR_CRS_PROVIDER", "")
    if not dotted:
        return False
    provider = import_string(dotted)
    return user.pk in provider(user_ids=[user.pk], today=today or timezone.localdate())


@dataclass
class BoardColumn:
    stage: ApplicationStage
    applications: list[MentorApplication]

    @property
    def count(self) -> int:
        return len(self.applications)


def application_board(*, stages: tuple[str, ...] | None = None) -> list[BoardColumn]:
    """Every stage (or only `stages`, in the pipeline's order) with its applications, longest
    waiting (at that stage) first."""
    shown = [s for s in ApplicationStage.values if stages is None or s in stages]
    by_stage: dict[str, list[MentorApplication]] = {s: [] for s in shown}
    for application in (
        MentorApplication.objects.filter(stage__in=shown)
        .select_related("user")
        .order_by("stage_since", "pk")
    ):
        by_stage[application.stage].append(application)
    return [BoardColumn(ApplicationStage(s), apps) for s, apps in by_stage.items()]


def applications_waiting_count() -> int:
    """How many applications wait for a coordinator's move (WAITING_STAGES)."""
    return MentorApplication.objects.filter(stage__in=WAITING_STAGES).count()


def waiting_board_query() -> str:
    """The board's query string that shows exactly the waiting applications."""
    return "?" + "&".join(f"stage={stage}" for stage in WAITING_STAGES)


def days_waiting(application: MentorApplication, *, now: datetime | None = None) -> int:
    return ((now or timezone.now()) - application.stage_since).days


def application_decisions(*, application: MentorApplication) -> list[ApplicationDecision]:
    return list(application.decisions.select_related("decided_by").order_by("decided_at", "pk"))


def application_interviews(*, application: MentorApplication) -> list[Interview]:
    return list(application.interviews.select_related("interviewer").prefetch_related("scores"))
