"""Writes of the mentorship program: profiles, pairing, agreements, check-ins, concerns,
feedback, milestones, weights, the access log and data requests.

Every function is keyword-only, takes `now=None`, runs in a transaction and refuses what the
rules forbid with a ValidationError whose message is one of the constants below.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import User
from lms.accounts.roles import Role, user_has_role
from lms.common import datebounds
from lms.common.changes import note_change
from lms.mentorship import focus as focus_rules
from lms.mentorship import notices, scoring
from lms.mentorship.caches import board_changed
from lms.mentorship.choices import (
    AccessAction,
    DataRequestKind,
    FocusKind,
    MilestoneKind,
    PairEndReason,
)
from lms.mentorship.models import (
    AccessLogEntry,
    Agreement,
    CheckIn,
    CheckinTopic,
    ConcernAction,
    ConcernNotification,
    DataRequest,
    MeetingFeedback,
    MenteeProfile,
    MentorProfile,
    Milestone,
    Pairing,
    ScoringWeights,
)
from lms.mentorship.schedule import day_milestones_reached

ALREADY_PAIRED = "This mentee already has a mentor. End that pairing first."
NOT_A_MENTEE = "This person is not a mentee."
MENTEE_NOT_CONSENTED = (
    "The mentee has not agreed to be matched yet. Record their consent on their profile first."
)
MENTOR_NOT_ELIGIBLE = "This mentor cannot take a mentee now: {problems}."
NO_MENTOR_PROFILE = "This mentor has no matching profile yet."
PAIR_ENDED = "This pairing has ended; nothing more can be recorded on it."
PAIR_ALREADY_ENDED = "This pairing has already ended."
END_NOTE_NEEDED = "Say briefly why, when the reason is 'Other'."
NOT_LATEST_AGREEMENT = "A newer version of this agreement exists. Read and acknowledge that one."
NOT_IN_PAIR = "Only the pair's mentor or mentee can acknowledge its agreement."
MEETING_IN_FUTURE = "The date of the meeting cannot be in the future."
MEETING_BEFORE_PAIRING = "The meeting cannot be before the pairing started ({paired_on})."
MILESTONE_BEFORE_PAIRING = "A goal cannot be met before the pairing started ({paired_on})."
FEEDBACK_ALREADY_GIVEN = "You have already given feedback on this meeting. Thank you."
FEEDBACK_NOT_YOURS = "You can only give feedback on your own meetings."
CONCERN_ALREADY_RESOLVED = "This concern has already been marked as handled."
GOAL_NOTE_NEEDED = "Say which goal was met."
ACTION_NOTE_NEEDED = "Say what was done."
MILESTONE_IN_FUTURE = "The date cannot be in the future."


def _today(now) -> date:
    return timezone.localdate(now)


# --- Access log -----------------------------------------------------------------------------


def access_log_record(
    *, viewer: User, mentee_id: int, action: str, obj=None, path: str = "", now=None
) -> AccessLogEntry:
    """Record that `viewer` read or changed a mentee's data (who, when, what)."""
    return AccessLogEntry.objects.create(
        at=now or timezone.now(),
        viewer=viewer,
        viewer_email=viewer.email,
        mentee_id=mentee_id,
        action=AccessAction(action),
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        path=path[:200],
    )


# --- Profiles -------------------------------------------------------------------------------

MENTEE_M2M = ("goals", "experience_areas")
MENTOR_M2M = ("goals", "experience_areas")


def _apply(instance, data: dict, m2m: tuple[str, ...]) -> dict:
    for name, value in data.items():
        if name not in m2m:
            setattr(instance, name, value)
    return {name: data[name] for name in m2m if name in data}


def _consent(profile, *, consent: bool | None, by: User, now) -> None:
    if consent is None:
        return
    if consent and profile.consented_at is None:
        profile.consented_at = now
        if hasattr(profile, "consent_recorded_by"):
            profile.consent_recorded_by = by
    elif not consent:
        profile.consented_at = None
        if hasattr(profile, "consent_recorded_by"):
            profile.consent_recorded_by = None


@transaction.atomic
def mentee_profile_save(
    *, mentee: User, data: dict, by: User, consent: bool | None = None, path: str = "", now=None
) -> MenteeProfile:
    """Create or update a mentee's profile; `consent` True records it, False withdraws it.

    Logged in the access log whenever someone other than the mentee edits it.
    """
    now = now or timezone.now()
    if not user_has_role(mentee, Role.MENTEE):
        raise ValidationError(NOT_A_MENTEE)
    profile, _ = MenteeProfile.objects.select_for_update().get_or_create(user=mentee)
    relations = _apply(profile, data, MENTEE_M2M)
    _consent(profile, consent=consent, by=by, now=now)
    profile.save()
    for name, values in relations.items():
        getattr(profile, name).set(values)
    if by.pk != mentee.pk:
        access_log_record(
            viewer=by,
            mentee_id=mentee.pk,
            action=AccessAction.EDIT_PROFILE,
            obj=profile,
            path=path,
            now=now,
        )
    return profile


@transaction.atomic
def mentor_profile_save(
    *, mentor: User, data: dict, by: User, consent: bool | None = None, reason: str = "", now=None
) -> MentorProfile:
    """Create or update a mentor's profile (history keeps each change, and who made it)."""
    now = now or timezone.now()
    profile, _ = MentorProfile.objects.select_for_update().get_or_create(user=mentor)
    relations = _apply(profile, data, MENTOR_M2M)
    _consent(profile, consent=consent, by=by, now=now)
    note_change(profile, by=by, reason=reason[:100] or None)
    profile.save()
    for name, values in relations.items():
        getattr(profile, name).set(values)
    return profile


# --- Weights --------------------------------------------------------------------------------


@transaction.atomic
def weights_update(*, values: dict, by: User, reason: str, now=None) -> ScoringWeights:
    """Change the ranking weights; history keeps the previous ones, who changed them and why."""
    weights = ScoringWeights.objects.select_for_update().filter(pk=1).first() or ScoringWeights(
        pk=1
    )
    for name in scoring.Criterion.ALL:
        setattr(weights, name, values[name])
    weights.updated_by = by
    weights.updated_at = now or timezone.now()
    note_change(weights, by=by, reason=reason[:100])
    weights.save()
    return weights


# --- Pairing --------------------------------------------------------------------------------


def _notify(kind: str, user_ids: list[int]) -> None:
    from lms.mentorship.tasks import notice_send

    transaction.on_commit(lambda: notice_send.enqueue(user_ids=user_ids, kind=kind))


@transaction.atomic
def pairing_confirm(*, mentee: User, mentor: User, by: User, now=None) -> Pairing:
    """Pair a mentee with an eligible mentor and tell both, in neutral words.

    The mentor's profile row is locked so two coordinators cannot fill the same last place.
    """
    from lms.mentorship import selectors

    now = now or timezone.now()
    today = _today(now)
    if not user_has_role(mentee, Role.MENTEE):
        raise ValidationError(NOT_A_MENTEE)
    mentee_profile = MenteeProfile.objects.select_for_update().filter(user=mentee).first()
    if mentee_profile is None or mentee_profile.consented_at is None:
        raise ValidationError(MENTEE_NOT_CONSENTED)
    if Pairing.objects.active().filter(mentee=mentee).exists():
        raise ValidationError(ALREADY_PAIRED)
    mentor_profile = MentorProfile.objects.select_for_update().filter(user=mentor).first()
    if mentor_profile is None or not user_has_role(mentor, Role.MENTOR):
        raise ValidationError(NO_MENTOR_PROFILE)
    facts = selectors.mentor_facts(profiles=[mentor_profile], today=today)[0]
    problems = scoring.ineligibility(facts)
    if problems:
        raise ValidationError(MENTOR_NOT_ELIGIBLE.format(problems=", ".join(problems).lower()))
    match = scoring.score(
        selectors.mentee_facts(profile=mentee_profile), facts, selectors.weights_current()
    )
    try:
        with transaction.atomic():
            pairing = Pairing(
                mentor=mentor,
                mentee=mentee,
                paired_on=today,
                confirmed_at=now,
                confirmed_by=by,
                match=match.as_dict(),
            )
            note_change(pairing, by=by)
            pairing.save()
    except IntegrityError as error:
        raise ValidationError(ALREADY_PAIRED) from error
    _notify(notices.PAIRED_MENTOR, [mentor.pk])
    _notify(notices.PAIRED_MENTEE, [mentee.pk])
    return pairing


@transaction.atomic
def pairing_end(*, pairing: Pairing, reason: str, note: str, by: User, now=None) -> Pairing:
    """End a pair with a reason; the pair and all it recorded are kept."""
    now = now or timezone.now()
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if not pairing.is_active:
        raise ValidationError(PAIR_ALREADY_ENDED)
    reason = PairEndReason(reason)
    if reason == PairEndReason.OTHER and not note.strip():
        raise ValidationError({"note": END_NOTE_NEEDED})
    pairing.ended_at = now
    pairing.ended_on = _today(now)
    pairing.end_reason = reason
    pairing.end_note = note.strip()
    pairing.ended_by = by
    note_change(pairing, by=by, reason=f"Ended: {reason.label}"[:100])
    pairing.save()
    _notify(notices.PAIR_ENDED, [pairing.mentor_id, pairing.mentee_id])
    return pairing


# --- Agreement ------------------------------------------------------------------------------


@transaction.atomic
def agreement_save(
    *,
    pairing: Pairing,
    frequency: str,
    channel: str,
    channel_details: str,
    goals: str,
    confidentiality: str,
    by: User,
    focus: str = "",
    meeting_minutes: int = focus_rules.MEETING_MINUTES_DEFAULT,
    topics=(),
    now=None,
) -> Agreement:
    """Record the pair's expectations as a new version, which both must acknowledge: how often
    and how long they meet, what their check-ins cover, and the program focus it started from."""
    now = now or timezone.now()
    if focus and focus not in FocusKind.values:
        raise ValidationError({"focus": focus_rules.UNKNOWN_FOCUS})
    if problem := focus_rules.minutes_problem(meeting_minutes):
        raise ValidationError({"meeting_minutes": problem})
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if not pairing.is_active:
        raise ValidationError(PAIR_ENDED)
    latest = pairing.agreements.order_by("-version").first()
    agreement = Agreement.objects.create(
        pairing=pairing,
        version=(latest.version + 1) if latest else 1,
        frequency=frequency,
        channel=channel,
        channel_details=channel_details.strip(),
        focus=focus,
        meeting_minutes=meeting_minutes,
        goals=goals.strip(),
        confidentiality=confidentiality.strip(),
        created_by=by,
        created_at=now,
    )
    topic_ids = [getattr(t, "pk", t) for t in topics]
    agreement.topics.set(CheckinTopic.objects.filter(pk__in=topic_ids))
    _notify(notices.AGREEMENT_WAITING, [pairing.mentor_id, pairing.mentee_id])
    return agreement


@transaction.atomic
def agreement_acknowledge(*, agreement: Agreement, user: User, now=None) -> Agreement:
    """The pair's mentor or mentee confirms they have read this version (once; repeats keep the
    first time)."""
    now = now or timezone.now()
    agreement = Agreement.objects.select_for_update().select_related("pairing").get(pk=agreement.pk)
    pairing = agreement.pairing
    if not pairing.is_active:
        raise ValidationError(PAIR_ENDED)
    if pairing.agreements.filter(version__gt=agreement.version).exists():
        raise ValidationError(NOT_LATEST_AGREEMENT)
    if user.pk == pairing.mentor_id:
        field = "mentor_acknowledged_at"
    elif user.pk == pairing.mentee_id:
        field = "mentee_acknowledged_at"
    else:
        raise ValidationError(NOT_IN_PAIR)
    if getattr(agreement, field) is None:
        setattr(agreement, field, now)
        agreement.save(update_fields=[field])
    return agreement


# --- Check-ins and concerns ----------------------------------------------------------------


@transaction.atomic
def checkin_log(
    *,
    pairing: Pairing,
    by: User,
    met_on: date,
    duration_minutes: int,
    meeting_format: str,
    topics=(),
    notes: str = "",
    concern: bool = False,
    now=None,
) -> CheckIn:
    """The mentor logs a meeting; a concern notifies the coordinators at once (and only once)."""
    now = now or timezone.now()
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if not pairing.is_active:
        raise ValidationError(PAIR_ENDED)
    if too_early := datebounds.date_bounds_error(met_on):
        raise ValidationError({"met_on": too_early})
    if met_on > _today(now):
        raise ValidationError({"met_on": MEETING_IN_FUTURE})
    if met_on < pairing.paired_on:
        raise ValidationError(
            {
                "met_on": MEETING_BEFORE_PAIRING.format(
                    paired_on=pairing.paired_on.strftime("%b %-d, %Y")
                )
            }
        )
    checkin = CheckIn.objects.create(
        pairing=pairing,
        met_on=met_on,
        duration_minutes=duration_minutes,
        format=meeting_format,
        notes=notes.strip(),
        concern=concern,
        logged_by=by,
        logged_at=now,
    )
    checkin.topics.set(topics)
    if concern:
        concern_notify(checkin=checkin, now=now)
    return checkin


def coordinator_ids() -> list[int]:
    return role_member_ids(Role.COORDINATOR)


def role_member_ids(role: str) -> list[int]:
    return list(
        User.objects.filter(groups__name=role, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def concern_recipient_ids() -> list[int]:
    """Coordinators and clinicians: a concern asks clinical staff to step in."""
    return sorted(set(coordinator_ids()) | set(role_member_ids(Role.CLINICIAN)))


@transaction.atomic
def concern_notify(*, checkin: CheckIn, now=None) -> ConcernNotification | None:
    """Record the notification for a check-in's concern and mail the coordinators after commit.

    Exactly once per check-in: a second call finds the row (or hits the unique constraint) and
    returns None without sending anything.
    """
    from lms.mentorship.tasks import concern_notification_send

    if ConcernNotification.objects.filter(checkin=checkin).exists():
        return None
    try:
        with transaction.atomic():
            notification = ConcernNotification.objects.create(
                checkin=checkin,
                created_at=now or timezone.now(),
                recipients=concern_recipient_ids(),
            )
    except IntegrityError:
        return None
    transaction.on_commit(
        lambda: concern_notification_send.enqueue(notification_id=notification.pk)
    )
    return notification


@transaction.atomic
def concern_resolve(
    *, notification: ConcernNotification, by: User, note: str, now=None
) -> ConcernNotification:
    """A coordinator marks a concern as handled, with what was done."""
    notification = ConcernNotification.objects.select_for_update().get(pk=notification.pk)
    if notification.resolved_at is not None:
        raise ValidationError(CONCERN_ALREADY_RESOLVED)
    notification.resolved_at = now or timezone.now()
    notification.resolved_by = by
    notification.resolution_note = note.strip()
    notification.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    return notification


@transaction.atomic
def concern_action_record(
    *, notification: ConcernNotification, by: User, note: str, resolves: bool, now=None
) -> ConcernAction:
    """A clinician (or coordinator) records what was done; `resolves` also marks it handled."""
    now = now or timezone.now()
    notification = ConcernNotification.objects.select_for_update().get(pk=notification.pk)
    if not note.strip():
        raise ValidationError({"note": ACTION_NOTE_NEEDED})
    if notification.resolved_at is not None:
        raise ValidationError(CONCERN_ALREADY_RESOLVED)
    action = ConcernAction.objects.create(
        notification=notification,
        note=note.strip(),
        resolves=resolves,
        recorded_by=by,
        recorded_at=now,
    )
    if resolves:
        concern_resolve(notification=notification, by=by, note=note, now=now)
    return action


def concern_escalation_after() -> timedelta:
    return timedelta(hours=getattr(settings, "CONCERN_ESCALATION_HOURS", 24))


def concerns_escalate_due(*, now=None) -> int:
    """Tell every coordinator again about each concern still open after the configured time
    (default 24 hours): once per concern, ever. Returns how many concerns were escalated."""
    from lms.mentorship.tasks import notice_send

    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            ConcernNotification.objects.select_for_update(skip_locked=True).filter(
                resolved_at__isnull=True,
                escalated_at__isnull=True,
                created_at__lte=now - concern_escalation_after(),
            )
        )
        for notification in due:
            notification.escalated_at = now
            notification.save(update_fields=["escalated_at"])
        if due:
            recipients = coordinator_ids()
            for _ in due:
                transaction.on_commit(
                    lambda: notice_send.enqueue(
                        user_ids=recipients, kind=notices.CONCERN_STILL_OPEN
                    )
                )
    return len(due)


# --- Feedback and milestones ----------------------------------------------------------------


@transaction.atomic
def feedback_give(
    *, checkin: CheckIn, mentee: User, rating: int, comment: str = "", now=None
) -> MeetingFeedback:
    """The mentee rates one meeting, once; only coordinators read it."""
    if checkin.pairing.mentee_id != mentee.pk:
        raise ValidationError(FEEDBACK_NOT_YOURS)
    if MeetingFeedback.objects.filter(checkin=checkin).exists():
        raise ValidationError(FEEDBACK_ALREADY_GIVEN)
    try:
        with transaction.atomic():
            return MeetingFeedback.objects.create(
                checkin=checkin,
                rating=rating,
                comment=comment.strip(),
                given_at=now or timezone.now(),
            )
    except IntegrityError as error:
        raise ValidationError(FEEDBACK_ALREADY_GIVEN) from error


@transaction.atomic
def milestone_goal_met(
    *, pairing: Pairing, note: str, reached_on: date, by: User, now=None
) -> Milestone:
    """Record that a goal of the pairing was met."""
    now = now or timezone.now()
    if not note.strip():
        raise ValidationError({"note": GOAL_NOTE_NEEDED})
    if too_early := datebounds.date_bounds_error(reached_on):
        raise ValidationError({"reached_on": too_early})
    if reached_on > _today(now):
        raise ValidationError({"reached_on": MILESTONE_IN_FUTURE})
    if reached_on < pairing.paired_on:
        raise ValidationError(
            {
                "reached_on": MILESTONE_BEFORE_PAIRING.format(
                    paired_on=pairing.paired_on.strftime("%b %-d, %Y")
                )
            }
        )
    if not pairing.is_active:
        raise ValidationError(PAIR_ENDED)
    return Milestone.objects.create(
        pairing=pairing,
        kind=MilestoneKind.GOAL_MET,
        reached_on=reached_on,
        note=note.strip(),
        recorded_by=by,
        recorded_at=now,
    )


def milestones_record_due(*, pairings=None, today: date | None = None) -> int:
    """Record the 30/60/90-day milestones these pairs (default: all) have reached; idempotent.

    Returns how many were newly recorded.
    """
    today = today or timezone.localdate()
    pairings = list(Pairing.objects.all() if pairings is None else pairings)
    existing = set(
        Milestone.objects.filter(pairing__in=pairings)
        .exclude(kind=MilestoneKind.GOAL_MET)
        .values_list("pairing_id", "kind")
    )
    new = [
        Milestone(pairing=pairing, kind=kind, reached_on=on)
        for pairing in pairings
        for kind, on in day_milestones_reached(
            paired_on=pairing.paired_on, ended_on=pairing.ended_on, today=today
        ).items()
        if (pairing.pk, kind) not in existing
    ]
    Milestone.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        board_changed()  # a bulk write sends no signals
    return len(new)


# --- Data requests --------------------------------------------------------------------------


@transaction.atomic
def mentee_data_export(
    *, mentee: User, by: User, requested_on: date, note: str = "", path: str = "", now=None
) -> tuple[DataRequest, dict]:
    """Everything the program holds about a mentee, as JSON-safe data, and the request record."""
    from lms.mentorship import selectors

    now = now or timezone.now()
    data = selectors.mentee_data(mentee=mentee, now=now)
    request = DataRequest.objects.create(
        kind=DataRequestKind.EXPORT,
        mentee=mentee,
        mentee_ref=f"mentee #{mentee.pk}",
        requested_on=requested_on,
        note=note.strip(),
        handled_by=by,
        handled_at=now,
        summary=selectors.mentee_data_counts(mentee=mentee),
    )
    access_log_record(
        viewer=by, mentee_id=mentee.pk, action=AccessAction.EXPORT, obj=request, path=path, now=now
    )
    return request, data


@transaction.atomic
def mentee_data_delete(
    *, mentee: User, by: User, requested_on: date, note: str = "", path: str = "", now=None
) -> DataRequest:
    """Delete a mentee's program data: profile, pairs (and their history), agreements,
    check-ins, concerns, feedback and milestones. The account itself, the access log and the
    request record stay (docs/decisions/0022)."""
    from lms.mentorship import selectors

    now = now or timezone.now()
    counts = selectors.mentee_data_counts(mentee=mentee)
    Pairing.objects.filter(mentee=mentee).delete()
    # After the delete: simple-history writes a last copy of each deleted pair.
    Pairing.history.filter(mentee_id=mentee.pk).delete()
    MenteeProfile.objects.filter(user=mentee).delete()
    request = DataRequest.objects.create(
        kind=DataRequestKind.DELETE,
        mentee=mentee,
        mentee_ref=f"mentee #{mentee.pk}",
        requested_on=requested_on,
        note=note.strip(),
        handled_by=by,
        handled_at=now,
        summary=counts,
    )
    access_log_record(
        viewer=by, mentee_id=mentee.pk, action=AccessAction.DELETE, obj=request, path=path, now=now
    )
    return request
