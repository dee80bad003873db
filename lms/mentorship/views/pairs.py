"""Pages of one pair: its detail, check-ins (with notes), logging a check-in, the agreement and
its acknowledgement, a goal met, and ending the pair. Each checks how the visitor relates to
this pair: a mentor sees only their own pairs (403 otherwise), a mentee only their agreement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from lms.common.forms import form_add_service_error
from lms.mentorship import selectors, services
from lms.mentorship.access import pairing_view
from lms.mentorship.choices import AccessAction
from lms.mentorship.forms import (
    AcknowledgeForm,
    AgreementForm,
    CheckInForm,
    GoalMetForm,
    PairEndForm,
)
from lms.mentorship.models import MenteeProfile, MentorProfile
from lms.mentorship.selectors import COORDINATOR, MENTEE, MENTOR
from lms.mentorship.texts import CONFIDENTIALITY_GUIDELINES

CHECKIN_LOGGED = "Check-in saved."
CONCERN_SENT = "Check-in saved. The coordinators have been told about your concern."


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@pairing_view(COORDINATOR, MENTOR)
@require_safe
def pair_detail(request, pairing, relation):
    """The pair at a glance. The mentor sees what the mentee chose to share (logged)."""
    status = selectors.pair_statuses(pairings=[pairing])[0]
    shared = []
    if relation == MENTOR:
        profile = (
            MenteeProfile.objects.filter(user_id=pairing.mentee_id)
            .prefetch_related("goals", "experience_areas")
            .first()
        )
        shared = selectors.mentee_shared_fields(profile=profile)
        services.access_log_record(
            viewer=request.user,
            mentee_id=pairing.mentee_id,
            action=AccessAction.VIEW_SHARED_PROFILE,
            obj=pairing,
            path=request.path,
        )
    context = {
        "pairing": pairing,
        "relation": relation,
        "status": status,
        "shared": shared,
        "checkins": pairing.checkins.prefetch_related("topics")[:5],
        "end_form": PairEndForm() if relation == COORDINATOR and pairing.is_active else None,
        "history": list(pairing.history.select_related("history_user").order_by("history_date"))
        if relation == COORDINATOR
        else [],
    }
    return TemplateResponse(request, "mentorship/pair_detail.html", context)


@pairing_view(COORDINATOR, MENTOR)
@require_safe
def checkins(request, pairing, relation):
    """Every check-in of the pair with its notes (logged); coordinators also see feedback."""
    items = selectors.pairing_checkins(pairing=pairing)
    services.access_log_record(
        viewer=request.user,
        mentee_id=pairing.mentee_id,
        action=AccessAction.VIEW_NOTES,
        obj=pairing,
        path=request.path,
    )
    if relation == COORDINATOR:
        services.access_log_record(
            viewer=request.user,
            mentee_id=pairing.mentee_id,
            action=AccessAction.VIEW_FEEDBACK,
            obj=pairing,
            path=request.path,
        )
    return TemplateResponse(
        request,
        "mentorship/checkins.html",
        {"pairing": pairing, "relation": relation, "checkins": items},
    )


@pairing_view(MENTOR)
@require_http_methods(["GET", "POST"])
def checkin_new(request, pairing, relation):
    """The pair's mentor logs a meeting; a concern tells the coordinators at once."""
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checkin = services.checkin_log(
                pairing=pairing,
                by=request.user,
                met_on=data["met_on"],
                duration_minutes=data["duration_minutes"],
                meeting_format=data["format"],
                topics=data["topics"],
                notes=data["notes"],
                concern=data["concern"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, CONCERN_SENT if checkin.concern else CHECKIN_LOGGED)
            return redirect("mentorship:pair_detail", pk=pairing.pk)
    return TemplateResponse(
        request,
        "mentorship/checkin_form.html",
        {"pairing": pairing, "form": form},
        status=_status(form),
    )


@pairing_view(COORDINATOR, MENTOR, MENTEE)
@require_http_methods(["GET", "POST"])
def agreement(request, pairing, relation):
    """The current agreement in full, every earlier version, and the acknowledge button for
    the pair's mentor and mentee."""
    current = pairing.current_agreement()
    form = None
    if current is not None and relation in (MENTOR, MENTEE) and pairing.is_active:
        mine = (
            current.mentor_acknowledged_at if relation == MENTOR else current.mentee_acknowledged_at
        )
        if mine is None:
            form = AcknowledgeForm(request.POST or None, initial={"version": current.version})
    if request.method == "POST":
        if form is None:
            return redirect("mentorship:agreement", pk=pairing.pk)
        if form.is_valid():
            if form.cleaned_data["version"] != current.version:
                form_add_service_error(form, ValidationError(services.NOT_LATEST_AGREEMENT))
            else:
                try:
                    services.agreement_acknowledge(agreement=current, user=request.user)
                except ValidationError as error:
                    form_add_service_error(form, error)
                else:
                    messages.success(request, "Thank you. Your acknowledgement is recorded.")
                    return redirect("mentorship:agreement", pk=pairing.pk)
    return TemplateResponse(
        request,
        "mentorship/agreement.html",
        {
            "pairing": pairing,
            "relation": relation,
            "agreement": current,
            "earlier": pairing.agreements.exclude(pk=getattr(current, "pk", None)),
            "form": form,
        },
        status=_status(form) if form is not None else 200,
    )


@pairing_view(COORDINATOR, MENTOR)
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pairing, relation):
    """Write the agreement, or change it: each save is a new version both acknowledge again."""
    if not pairing.is_active:
        messages.error(request, services.PAIR_ENDED)
        return redirect("mentorship:agreement", pk=pairing.pk)
    current = pairing.current_agreement()
    defaults = None
    if current is None:
        defaults = selectors.agreement_defaults(pairing=pairing, for_mentor=relation == MENTOR)
        chosen = list(defaults.topic_ids)
        initial = {
            "focus": defaults.focus,
            "frequency": defaults.frequency,
            "meeting_minutes": defaults.meeting_minutes,
            "topics": chosen,
            "confidentiality": CONFIDENTIALITY_GUIDELINES,
        }
    else:
        chosen = list(current.topics.values_list("pk", flat=True))
        initial = {
            "focus": current.focus,
            "frequency": current.frequency,
            "meeting_minutes": current.meeting_minutes,
            "channel": current.channel,
            "channel_details": current.channel_details,
            "topics": chosen,
            "goals": current.goals,
            "confidentiality": current.confidentiality,
        }
    form = AgreementForm(request.POST or None, initial=initial, chosen_topics=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(pairing=pairing, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Agreement saved. Both of you now acknowledge this version.")
            return redirect("mentorship:agreement", pk=pairing.pk)
    return TemplateResponse(
        request,
        "mentorship/agreement_form.html",
        {
            "pairing": pairing,
            "form": form,
            "current": current,
            "defaults": defaults,
            "relation": relation,
        },
        status=_status(form),
    )


@pairing_view(COORDINATOR, MENTOR)
@require_http_methods(["GET", "POST"])
def milestone_new(request, pairing, relation):
    """Record that a goal of the pairing was met (the day milestones record themselves)."""
    form = GoalMetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_goal_met(
                pairing=pairing,
                note=form.cleaned_data["note"],
                reached_on=form.cleaned_data["reached_on"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Milestone recorded.")
            return redirect("mentorship:pair_detail", pk=pairing.pk)
    return TemplateResponse(
        request,
        "mentorship/milestone_form.html",
        {"pairing": pairing, "form": form},
        status=_status(form),
    )


@pairing_view(COORDINATOR)
@require_http_methods(["GET", "POST"])
def pair_end(request, pairing, relation):
    """End the pairing with a reason; it stays in both people's history."""
    form = PairEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pairing_end(
                pairing=pairing,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The pairing has ended. Both have been told to sign in.")
            return redirect("mentorship:pair_detail", pk=pairing.pk)
    return TemplateResponse(
        request,
        "mentorship/pair_end.html",
        {"pairing": pairing, "form": form, "today": timezone.localdate()},
        status=_status(form),
    )


def mentor_profile_of(pairing) -> MentorProfile | None:
    return (
        MentorProfile.objects.filter(user_id=pairing.mentor_id)
        .prefetch_related("experience_areas", "goals")
        .first()
    )
