"""Supervision log services and reads. Supervision never counts as PCB continuing education:
nothing here touches the CE ledger, and CE totals never read this table (tested)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from credentials import rules
from credentials.choices import SupervisionState
from credentials.models import SupervisionSession
from credentials.models.supervision import MAX_MINUTES
from lms.accounts.models import User
from lms.accounts.roles import Role, user_has_role
from lms.common.changes import note_change
from lms.common.datebounds import date_bounds_error

NOT_A_SUPERVISOR = "Choose a coordinator of the program as your supervisor."
DATE_IN_FUTURE = "The session cannot be in the future."
MINUTES_OUT_OF_RANGE = f"Enter the session's length in minutes, from 1 to {MAX_MINUTES}."
NOT_YOURS_TO_DECIDE = "Only the supervisor named on the session can confirm or decline it."
ALREADY_DECIDED = "This session was already {state}."
DECLINE_REASON_NEEDED = "Say why you decline it: the mentor sees this."


def supervisors() -> QuerySet[User]:
    return (
        User.objects.filter(groups__name=Role.COORDINATOR, is_active=True)
        .order_by("first_name", "last_name", "email")
        .distinct()
    )


def _today(now: datetime | None) -> date:
    return rules.local_date(now or timezone.now())


def supervision_log(
    *,
    holder,
    supervisor,
    date: date,
    minutes: int,
    topics: str,
    note: str = "",
    now: datetime | None = None,
) -> SupervisionSession:
    errors = {}
    if (
        supervisor is None
        or supervisor.pk == holder.pk
        or not user_has_role(supervisor, Role.COORDINATOR)
    ):
        errors["supervisor"] = NOT_A_SUPERVISOR
    if date > _today(now):
        errors["date"] = DATE_IN_FUTURE
    elif problem := date_bounds_error(date):
        errors["date"] = problem
    if not 0 < minutes <= MAX_MINUTES:
        errors["minutes"] = MINUTES_OUT_OF_RANGE
    if errors:
        raise ValidationError(errors)
    session = SupervisionSession(
        holder=holder,
        supervisor=supervisor,
        date=date,
        minutes=minutes,
        topics=topics.strip(),
        note=note.strip(),
    )
    note_change(session, by=holder, reason="Logged by the mentor.")
    session.save()
    return session


@transaction.atomic
def supervision_decide(
    *, session: SupervisionSession, by, confirm: bool, reason: str = "", now=None
) -> SupervisionSession:
    """The named supervisor confirms or declines a session, once; history keeps who and why."""
    session = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    if session.supervisor_id != by.pk:
        raise ValidationError(NOT_YOURS_TO_DECIDE)
    if session.state != SupervisionState.PENDING:
        label = SupervisionState(session.state).label.split(" by ")[0].lower()
        raise ValidationError(ALREADY_DECIDED.format(state=label))
    reason = (reason or "").strip()
    if not confirm and not reason:
        raise ValidationError({"reason": DECLINE_REASON_NEEDED})
    session.state = SupervisionState.CONFIRMED if confirm else SupervisionState.DECLINED
    session.decided_at = now or timezone.now()
    session.decline_reason = "" if confirm else reason[:500]
    note_change(session, by=by, reason="Confirmed." if confirm else f"Declined: {reason}")
    session.save(update_fields=["state", "decided_at", "decline_reason"])
    return session


def supervision_for_holder(*, holder) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(holder=holder).select_related("supervisor")


def supervision_to_decide(*, supervisor) -> QuerySet[SupervisionSession]:
    return (
        SupervisionSession.objects.filter(supervisor=supervisor, state=SupervisionState.PENDING)
        .select_related("holder")
        .order_by("date", "pk")
    )


def confirmed_minutes(sessions) -> int:
    return sum(s.minutes for s in sessions if s.state == SupervisionState.CONFIRMED)
