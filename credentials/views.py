"""The holder's credential pages, private file downloads and the audit packet."""

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from content.models import ProgramSettings
from credentials import rules, selectors, services
from credentials.choices import CESource
from credentials.forms import CEEntryForm, CredentialRecordForm
from credentials.models import CEEntry, CredentialRecord, CredentialType
from credentials.uploads import ALLOWED_TYPES, PRIVATE_HEADERS, private_file_response
from lms.accounts.roles import Role, user_has_role
from lms.common.forms import form_add_service_error
from lms.training.selectors import module_hours_notes

CLAIM_CHOICE_NEEDED = "Choose whether to count the entry in your claim, then try again."


def _require_mentor(request) -> None:
    if not user_has_role(request.user, Role.MENTOR):
        raise PermissionDenied("This page is for mentors.")


@login_required
def my_credentials(request):
    """'My credentials': status, key dates, CE progress by topic, what is still needed."""
    _require_mentor(request)
    today = selectors.today_in_program()
    overviews, entries = selectors.credential_overviews_for_holder(holder=request.user, today=today)
    return render(
        request,
        "credentials/my_credentials.html",
        {
            "overviews": overviews,
            "entries": entries,
            "today": today,
            "can_add_record": CredentialType.objects.exclude(records__holder=request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, pk=None):
    """Add a credential record, or update one (a renewal updates its dates)."""
    _require_mentor(request)
    record = None
    if pk is not None:
        record = get_object_or_404(CredentialRecord, pk=pk, holder=request.user)
    today = selectors.today_in_program()
    initial = {}
    if record is not None:
        initial = {
            "credential_type": record.credential_type,
            "number": record.number,
            "issue_date": record.issue_date,
            "expiry_date": record.expiry_date,
        }
    form = CredentialRecordForm(
        request.POST or None, request.FILES or None, initial=initial, today=today
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.credential_record_save(
                holder=request.user,
                record=record,
                credential_type=data["credential_type"],
                number=data["number"],
                issue_date=data["issue_date"],
                expiry_date=data["expiry_date"],
                evidence=data.get("evidence") or None,
                evidence_content_type=data.get("evidence_content_type", ""),
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Your credential is saved.")
            return redirect("credentials:mine")
    return render(
        request,
        "credentials/record_form.html",
        {"form": form, "record": record},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ce_entry_add(request):
    """Record an external training with its certificate."""
    _require_mentor(request)
    form = CEEntryForm(
        request.POST or None, request.FILES or None, today=selectors.today_in_program()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ce_entry_add_external(
                holder=request.user,
                title=data["title"],
                organization=data["organization"],
                date=data["date"],
                hours=data["hours"],
                topic=data["topic"],
                kind=data["kind"],
                certificate=data["certificate"],
                certificate_content_type=data["certificate_content_type"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The training is added to your record.")
            return redirect("credentials:mine")
    return render(
        request,
        "credentials/ce_entry_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def ce_entry_delete(request, pk):
    """Remove an external entry the holder added."""
    _require_mentor(request)
    entry = get_object_or_404(CEEntry, pk=pk, holder=request.user)
    try:
        services.ce_entry_delete(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The entry is removed.")
    return redirect("credentials:mine")


@login_required
@require_POST
def ce_entry_claim(request, pk):
    """Count an entry in the holder's PCB claim, or leave it out."""
    _require_mentor(request)
    entry = get_object_or_404(CEEntry, pk=pk, holder=request.user)
    claimed = request.POST.get("claimed")
    if claimed not in {"yes", "no"}:
        return render(request, "400.html", {"message": CLAIM_CHOICE_NEEDED}, status=400)
    services.ce_entry_set_claimed(entry=entry, claimed=claimed == "yes", by=request.user)
    if claimed == "yes":
        messages.success(request, f"“{entry.title}” counts in your claim again.")
    else:
        messages.success(request, f"“{entry.title}” is left out of your claim.")
    return redirect("credentials:mine")


@login_required
def record_evidence(request, pk):
    """The record's evidence file, for its holder and coordinators only."""
    record = get_object_or_404(CredentialRecord, pk=pk)
    if not selectors.record_readable_by(record=record, user=request.user):
        raise Http404("No such file.")
    return private_file_response(
        record.evidence,
        record.evidence_content_type,
        "credential-evidence",
        request=request,
        label=f"Evidence of credential record {record.pk}",
    )


@login_required
def ce_certificate(request, pk):
    """A CE entry's certificate, for its holder and coordinators only."""
    entry = get_object_or_404(CEEntry, pk=pk)
    if not selectors.ce_entry_readable_by(entry=entry, user=request.user):
        raise Http404("No such file.")
    return private_file_response(
        entry.certificate,
        entry.certificate_content_type,
        "ce-certificate",
        request=request,
        label=f"CE certificate of CE entry {entry.pk}",
    )


def _readable_record(request, pk) -> CredentialRecord:
    record = get_object_or_404(
        CredentialRecord.objects.select_related("credential_type", "holder"), pk=pk
    )
    if not selectors.record_readable_by(record=record, user=request.user):
        raise Http404("No such record.")
    return record


def _certificate_name(entry: CEEntry) -> str:
    extension = ALLOWED_TYPES.get(entry.certificate_content_type, "bin")
    return f"{entry.date:%Y-%m-%d}-{slugify(entry.title)[:50] or 'training'}-{entry.pk}.{extension}"


@login_required
def audit_packet_pdf(request, pk):
    """PCB audit packet: every CE entry in the record's window with the fields PCB asks for."""
    from weasyprint import HTML

    record = _readable_record(request, pk)
    today = selectors.today_in_program()
    overview = selectors.credential_overview(
        record=record, entries=selectors.audit_entries(record=record), today=today
    )
    derivations = module_hours_notes(
        module_ids=[line.entry.module_id for line in overview.lines if line.entry.module_id]
    )
    html = render_to_string(
        "credentials/audit_packet.html",
        {
            "record": record,
            "overview": overview,
            "rows": [
                (line.entry, _certificate_name(line.entry) if line.entry.certificate else None)
                for line in overview.lines
            ],
            "derivations": [
                (line.entry.title, derivations[line.entry.module_id])
                for line in overview.lines
                if line.entry.module_id in derivations
            ],
            "has_program_modules": any(
                line.entry.source == CESource.PLATFORM_MODULE for line in overview.lines
            ),
            "program_name": ProgramSettings.program_name(),
            "provider_number": ProgramSettings.provider_number(),
            "generated_at": timezone.localtime(timezone.now(), rules.PROGRAM_TZ),
        },
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    filename = f"ce-audit-{record.credential_type.code}-{record.expiry_date:%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf", headers=PRIVATE_HEADERS)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def audit_certificates_zip(request, pk):
    """A ZIP of the uploaded certificates of the CE entries in the record's window."""
    record = _readable_record(request, pk)
    entries = [entry for entry in selectors.audit_entries(record=record) if entry.certificate]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            try:
                with entry.certificate.storage.open(entry.certificate.name, "rb") as handle:
                    archive.writestr(_certificate_name(entry), handle.read())
            except FileNotFoundError:
                continue
    filename = f"ce-certificates-{record.credential_type.code}-{record.expiry_date:%Y-%m-%d}.zip"
    response = HttpResponse(
        buffer.getvalue(), content_type="application/zip", headers=PRIVATE_HEADERS
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
