"""Public verification (HTML and JSON), the holder's certificates, and recruiters' bulk checks.

Unknown and malformed codes or tokens get the same 404, so a lookup says nothing about what
exists. Answers are marked noindex and no-referrer; browsers may keep them for 30 seconds, the
server's cache forgets them at once when the certificate changes.
"""

from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from credentials.certificates import caching, codes, rendering, selectors, services
from credentials.certificates.forms import (
    BulkVerifyForm,
    CertificateNameForm,
    VerifyCodeForm,
    VerifyPdfForm,
)
from credentials.certificates.middleware import mark_cacheable
from credentials.models.certificates import (
    Certificate,
    CertificateName,
    CertificateStatus,
    RecruiterLookup,
)
from credentials.rules import local_date
from lms.accounts.roles import Role, user_has_role
from lms.common.files import private_file_response
from lms.common.forms import form_add_service_error
from lms.training.models import TrackPage
from lms.training.selectors import evaluations_pending

NOT_FOUND = "No certificate matches. Check the code and try again."
NOT_A_CERTIFICATE_ROLE = "Certificates are for mentors who complete the training."
PDF_NO_MATCH = (
    "This file does not match any certificate we issued. It may have been changed after it "
    "was downloaded. Check the code printed on it instead."
)


def _public(response, *, form_page: bool = False):
    """Headers of every verification response.

    Answers: no-referrer and a 30-second cache. Pages with the lookup forms: never cached (they
    carry a CSRF token) and same-origin referrers, because with no-referrer browsers send
    `Origin: null` with the PDF upload, which CSRF protection rightly refuses.
    """
    response["X-Robots-Tag"] = "noindex, nofollow"
    if form_page:
        response["Referrer-Policy"] = "same-origin"
        patch_cache_control(response, private=True, no_store=True)
    else:
        response["Referrer-Policy"] = "no-referrer"
        patch_cache_control(response, max_age=caching.VERIFICATION_SECONDS)
    return response


def _not_found(request, form=None, message=NOT_FOUND):
    return _public(
        TemplateResponse(
            request,
            "certificates/verify.html",
            {"form": form or VerifyCodeForm(), "pdf_form": VerifyPdfForm(), "not_found": message},
            status=404,
        ),
        form_page=True,
    )


def _too_many(request, wait: int):
    response = TemplateResponse(
        request,
        "certificates/verify.html",
        {"form": VerifyCodeForm(), "pdf_form": VerifyPdfForm(), "wait": wait},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return _public(response, form_page=True)


@require_http_methods(["GET", "HEAD"])
def verify(request):
    """The code form; with ?code=, a rate-limited lookup that leads to the certificate."""
    if "code" not in request.GET:
        return _public(
            TemplateResponse(
                request,
                "certificates/verify.html",
                {"form": VerifyCodeForm(), "pdf_form": VerifyPdfForm()},
            ),
            form_page=True,
        )
    allowed, wait = selectors.lookup_allowed(client=selectors.client_key(request))
    if not allowed:
        return _too_many(request, wait)
    form = VerifyCodeForm(request.GET)
    if not form.is_valid():  # the field's own error, and no "not found" beside it
        return _public(
            TemplateResponse(
                request,
                "certificates/verify.html",
                {"form": form, "pdf_form": VerifyPdfForm()},
                status=400,
            ),
            form_page=True,
        )
    certificate = selectors.certificate_by_code(form.cleaned_data["code"])
    if certificate is None:
        return _not_found(request, form)
    return redirect(certificate.get_absolute_url())


def _for_people(answer: dict) -> dict:
    """The answer's dates as dates, and the check time in the program's time zone, for the page
    (the JSON keeps ISO strings)."""
    issued, expires = answer.get("issued_on"), answer.get("expires_on")
    return {
        "issued_on": date.fromisoformat(issued) if issued else None,
        "expires_on": date.fromisoformat(expires) if expires else None,
        "checked_at": timezone.localtime(datetime.fromisoformat(answer["checked_at"])),
    }


@require_http_methods(["GET", "HEAD"])
def verify_token(request, token):
    """The verification page reached from the QR code or a typed code.

    The answer to anonymous visitors is kept for 30 seconds in the shared cache and served from
    there (middleware.CachedVerificationMiddleware): a recruiter scanning a QR code is the hot
    path. A revocation shows on the very next request, through any app server.
    """
    if not codes.is_token(token):  # malformed: the same 404 as unknown, and never a cache key
        return _not_found(request)
    certificate = selectors.certificate_by_token(token)
    if certificate is None:
        return _not_found(request)  # carries the lookup forms (and a CSRF token): never cached
    answer = selectors.verification_answer(certificate)
    response = _public(
        TemplateResponse(
            request,
            "certificates/verify_result.html",
            {"answer": answer, "shown": _for_people(answer), "json_url": f"/verify/{token}.json"},
        )
    )
    mark_cacheable(response)  # kept only for visitors with no session (the middleware)
    return response


@require_http_methods(["GET", "HEAD"])
def verify_token_json(request, token):
    """The same answer as JSON, for machines."""
    certificate = selectors.certificate_by_token(token)
    if certificate is None:
        return _public(JsonResponse({"status": CertificateStatus.NOT_FOUND}, status=404))
    return _public(JsonResponse(selectors.verification_answer(certificate)))


@require_POST
def verify_pdf(request):
    """Upload a PDF: it verifies only if it is byte for byte the one issued."""
    allowed, wait = selectors.lookup_allowed(client=selectors.client_key(request))
    if not allowed:
        return _too_many(request, wait)
    form = VerifyPdfForm(request.POST, request.FILES)
    if not form.is_valid():
        return _public(
            TemplateResponse(
                request,
                "certificates/verify.html",
                {"form": VerifyCodeForm(), "pdf_form": form},
                status=400,
            )
        )
    certificate = selectors.certificate_by_pdf(form.cleaned_data["file"].read())
    if certificate is None:
        return _not_found(request, message=PDF_NO_MATCH)
    return redirect(certificate.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def my_certificates(request):
    """The holder's certificates, downloads, consent switches and the name to print."""
    if not selectors.certificates_page_open_to(request.user):
        raise PermissionDenied(NOT_A_CERTIFICATE_ROLE)
    current_name = CertificateName.objects.filter(user=request.user).first()
    form = CertificateNameForm(
        request.POST or None,
        initial={
            "name": current_name.name if current_name else services.printed_name_for(request.user)
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_name_set(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("certificates:mine")
    certificates = Certificate.objects.for_holder(request.user).select_related("superseded_by")
    return TemplateResponse(
        request,
        "certificates/mine.html",
        {
            "certificates": [(c, c.status_on(local_date(timezone.now()))) for c in certificates],
            "evaluations_due": TrackPage.objects.filter(
                pk__in=evaluations_pending(user=request.user)
            ).order_by("path"),
            "form": form,
        },
    )


@login_required
@require_POST
def set_public(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk, holder=request.user)
    services.certificate_set_public(
        certificate=certificate, public=request.POST.get("public") == "on"
    )
    return redirect("certificates:mine")


@login_required
def download(request, pk):
    """The stored PDF, to its holder and coordinators only (anyone else: 404, as if none)."""
    certificate = selectors.certificate_pdf_for_download(pk=pk, user=request.user)
    if certificate is None:
        raise Http404
    if not certificate.pdf_sha256:  # not rendered yet: render it now, from the whole record
        whole = selectors.certificate_for_download(pk=pk, user=request.user)
        certificate = rendering.certificate_render(certificate=whole)
    return private_file_response(
        certificate.pdf.storage,
        certificate.pdf.name,
        content_type="application/pdf",
        filename=f"certificate-{certificate.code}.pdf",
        headers={"Cache-Control": "private, no-store"},
        request=request,
        label=f"Certificate {certificate.formatted_code} (PDF)",
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulk_verify(request):
    """A signed-in recruiter checks many codes at once; each lookup is logged."""
    if not (
        user_has_role(request.user, Role.RECRUITER) or user_has_role(request.user, Role.COORDINATOR)
    ):
        raise PermissionDenied
    form = BulkVerifyForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        rows = []
        for typed in form.cleaned_data["found"]:
            certificate = selectors.certificate_by_code(typed)
            answer = selectors.verification_answer(certificate) if certificate else None
            status = answer["status"] if answer else CertificateStatus.NOT_FOUND
            RecruiterLookup.objects.create(
                recruiter=request.user,
                certificate=certificate,
                typed=typed[:40],
                status_shown=status,
            )
            rows.append({"typed": typed[:40], "answer": answer, "status": status})
    response = TemplateResponse(
        request,
        "certificates/bulk.html",
        {"form": form, "rows": rows},
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
