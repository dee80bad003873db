"""The supervision log's pages: the mentor's log and exports, the supervisor's confirmations."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from credentials import rules
from credentials import supervision as service
from credentials.forms import SupervisionDecisionForm, SupervisionForm
from credentials.models import SupervisionSession
from credentials.uploads import PRIVATE_HEADERS
from lms.accounts.roles import Role, user_has_role
from lms.common.forms import form_add_service_error, service_error_text

EXPORT_COLUMNS = ["Date", "Supervisor", "Minutes", "Topics", "State"]


def _require(request, role: Role) -> None:
    if not user_has_role(request.user, role):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def supervision_log(request):
    """The mentor's supervision log, with a form to add a session."""
    _require(request, Role.MENTOR)
    form = SupervisionForm(request.POST or None, supervisors=service.supervisors())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.supervision_log(
                holder=request.user,
                supervisor=data["supervisor"],
                date=data["date"],
                minutes=data["minutes"],
                topics=data["topics"],
                note=data["note"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, "The session is logged; your supervisor is asked to confirm it."
            )
            return redirect("credentials:supervision")
    sessions = list(service.supervision_for_holder(holder=request.user))
    return render(
        request,
        "credentials/supervision.html",
        {
            "form": form,
            "sessions": sessions,
            "confirmed_minutes": service.confirmed_minutes(sessions),
        },
        status=400 if form.errors else 200,
    )


def _export_rows(sessions):
    for session in sessions:
        yield [
            session.date.isoformat(),
            session.supervisor.get_full_name() or session.supervisor.email,
            session.minutes,
            session.topics,
            session.get_state_display(),
        ]


@login_required
def supervision_export(request, fmt):
    """For an employer: the log without private notes, as CSV or PDF."""
    _require(request, Role.MENTOR)
    sessions = list(service.supervision_for_holder(holder=request.user).order_by("date", "pk"))
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(_export_rows(sessions))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv", headers=PRIVATE_HEADERS)
        response["Content-Disposition"] = f'attachment; filename="supervision-log-{stamp}.csv"'
        return response
    from weasyprint import HTML

    html = render_to_string(
        "credentials/supervision_pdf.html",
        {
            "holder": request.user,
            "sessions": sessions,
            "confirmed_minutes": service.confirmed_minutes(sessions),
            "generated_at": timezone.localtime(timezone.now(), rules.PROGRAM_TZ),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf", headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = f'attachment; filename="supervision-log-{stamp}.pdf"'
    return response


@login_required
def supervision_review(request):
    """A supervisor's sessions waiting for a decision."""
    _require(request, Role.COORDINATOR)
    return render(
        request,
        "credentials/supervision_review.html",
        {"sessions": service.supervision_to_decide(supervisor=request.user)},
    )


@login_required
@require_POST
def supervision_decide(request, pk):
    """Confirm or decline one session. A decline refused for its reason (none, or too long)
    comes back on the list with what was typed and the message beside the field (400)."""
    _require(request, Role.COORDINATOR)
    session = get_object_or_404(SupervisionSession, pk=pk, supervisor=request.user)
    form = SupervisionDecisionForm(request.POST)
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            service.supervision_decide(
                session=session,
                by=request.user,
                confirm=confirm,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # decided already: nothing left to correct
                messages.error(request, service_error_text(error))
                return redirect("credentials:supervision_review")
            form_add_service_error(form, error)
        else:
            who = session.holder.get_full_name() or session.holder.email
            verb = "confirmed" if confirm else "declined"
            messages.success(request, f"{who}'s session of {session.date:%B %-d, %Y} is {verb}.")
            return redirect("credentials:supervision_review")
    if "decision" in form.errors:  # not a button of the page
        return render(
            request,
            "400.html",
            {"message": "Choose confirm or decline, then try again."},
            status=400,
        )
    return render(
        request,
        "credentials/supervision_review.html",
        {
            "sessions": service.supervision_to_decide(supervisor=request.user),
            "refused": session.pk,
            "form": form,
        },
        status=400,
    )
