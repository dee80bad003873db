"""Clinician pages: the open concerns, and for one concern only the check-in that raised it and
the pair's current agreement. Nothing else of the mentee's, no training or credential records.
Every opening and every action is in the access log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts.roles import Role
from lms.common.forms import form_add_service_error
from lms.mentorship import selectors, services
from lms.mentorship.access import role_required
from lms.mentorship.choices import AccessAction
from lms.mentorship.forms import ConcernActionForm
from lms.mentorship.models import ConcernNotification

clinician_only = role_required(Role.CLINICIAN)


@clinician_only
@require_safe
def home(request):
    """Open concerns, oldest first, then the last handled ones: dates only, no names."""
    return TemplateResponse(
        request, "mentorship/clinician_home.html", {"lists": selectors.clinician_concerns()}
    )


@clinician_only
@require_http_methods(["GET", "POST"])
def concern(request, pk: int):
    """The check-in behind one concern and the pair's agreement; record what was done."""
    notification = get_object_or_404(
        ConcernNotification.objects.select_related("checkin__pairing"), pk=pk
    )
    checkin = notification.checkin
    pairing = checkin.pairing
    agreement = pairing.current_agreement()
    form = ConcernActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_action_record(
                notification=notification,
                by=request.user,
                note=form.cleaned_data["note"],
                resolves=form.cleaned_data["resolves"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            services.access_log_record(
                viewer=request.user,
                mentee_id=pairing.mentee_id,
                action=AccessAction.RECORD_ACTION,
                obj=notification,
                path=request.path,
            )
            messages.success(request, "Recorded.")
            return redirect("mentorship:clinician_concern", pk=notification.pk)
    services.access_log_record(
        viewer=request.user,
        mentee_id=pairing.mentee_id,
        action=AccessAction.VIEW_CONCERN,
        obj=checkin,
        path=request.path,
    )
    if agreement is not None:
        services.access_log_record(
            viewer=request.user,
            mentee_id=pairing.mentee_id,
            action=AccessAction.VIEW_AGREEMENT,
            obj=agreement,
            path=request.path,
        )
    return TemplateResponse(
        request,
        "mentorship/clinician_concern.html",
        {
            "notification": notification,
            "checkin": checkin,
            "topics": list(checkin.topics.all()),
            "agreement": agreement,
            "actions": list(notification.actions.select_related("recorded_by")),
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
