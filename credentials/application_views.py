"""The CRS application checklist's pages: the mentor's checklist, their essay export and uploads,
and the coordinators' cohort view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from credentials import application as service
from credentials import application_rules as steps_rules
from credentials import forms as application_forms
from credentials.models import CrsApplication
from credentials.uploads import PRIVATE_HEADERS, private_file_response
from lms.accounts.roles import Role, user_has_role
from lms.common.forms import form_add_service_error

# step -> (form class, success message)
STEP_FORMS = {
    "education": (application_forms.ApplicationEducationForm, "Your education step is saved."),
    "essay": (application_forms.ApplicationEssayForm, "Your essay is saved. Only you can see it."),
    "release": (application_forms.ApplicationReleaseForm, "Your notarized release is saved."),
    "fee": (application_forms.ApplicationFeeForm, "The fee date is saved."),
    "exam": (application_forms.ApplicationExamForm, "Your exam dates are saved."),
    "share": (application_forms.ApplicationShareForm, "Your sharing choice is saved."),
    "certify": (application_forms.ApplicationCertifyForm, "Your CRS credential is recorded."),
}
UPLOADS = {"education": "education_proof", "release": "release_proof"}
UNKNOWN_STEP = "That step is not on the checklist. Reload the page and try again."


def _require(request, role: Role) -> None:
    if not user_has_role(request.user, role):
        raise PermissionDenied


def _initial(application: CrsApplication) -> dict[str, dict]:
    return {
        "education": {"education_kind": application.education_kind},
        "essay": {"essay": application.essay},
        "release": {},
        "fee": {"fee_paid_on": application.fee_paid_on},
        "exam": {
            "exam_registered_on": application.exam_registered_on,
            "exam_passed_on": application.exam_passed_on,
        },
        "share": {"share_documents": application.share_documents},
        "certify": {"certified_on": application.exam_passed_on},
    }


def _save(request, application: CrsApplication, step: str, form) -> None:
    """Hand a valid form to the service; raises ValidationError for the form to show."""
    data = form.cleaned_data
    if step == "certify":
        service.crs_application_certify(
            application=application, number=data["number"], certified_on=data["certified_on"]
        )
        return
    changes = {name: value for name, value in data.items() if name not in ("proof", "content_type")}
    if step in UPLOADS and data.get("proof"):
        changes[UPLOADS[step]] = data["proof"]
        changes[f"{step}_content_type"] = data["content_type"]
    service.crs_application_update(application=application, by=request.user, **changes)


@login_required
@require_http_methods(["GET", "POST"])
def crs_application(request):
    """The checklist: each step's state and proof, a form per step, the next step in words."""
    _require(request, Role.MENTOR)
    application = service.application_for(request.user)
    held = service.held_crs_record(request.user)
    initial = _initial(application)
    forms = {step: cls(initial=initial[step]) for step, (cls, _) in STEP_FORMS.items()}
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in STEP_FORMS:
            messages.error(request, UNKNOWN_STEP)
            return redirect("credentials:crs_application")
        form_class, success = STEP_FORMS[step]
        form = form_class(request.POST, request.FILES or None)
        forms[step] = form
        if form.is_valid():
            try:
                _save(request, application, step, form)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, success)
                if step == "certify":
                    return redirect("credentials:mine")
                return redirect(f"{request.path}#step-{step}")
        status = 400
        application.refresh_from_db()
    steps = service.application_steps(application)
    return render(
        request,
        "credentials/crs_application.html",
        {
            "application": application,
            "held": held if application.credential_record_id is None else None,
            "steps": steps,
            "done": steps_rules.steps_done(steps),
            "total": len(steps),
            "next_words": steps_rules.next_step_words(steps),
            "ready": steps_rules.current_step(steps) is None or application.exam_passed_on,
            "forms": forms,
            "essay_words": steps_rules.essay_word_count(application.essay),
        },
        status=status,
    )


@login_required
def crs_application_essay(request):
    """The writer's own copy of their essay, as a text file (the only way it leaves here)."""
    _require(request, Role.MENTOR)
    application = get_object_or_404(CrsApplication, holder=request.user)
    response = HttpResponse(
        application.essay, content_type="text/plain; charset=utf-8", headers=PRIVATE_HEADERS
    )
    response["Content-Disposition"] = 'attachment; filename="crs-essay.txt"'
    return response


@login_required
def crs_application_file(request, pk, kind):
    """An upload, for its owner; for coordinators only when the owner shares their uploads.
    Anything else is the same 404 as a file that does not exist."""
    if kind not in UPLOADS:
        raise Http404("No such file.")
    application = get_object_or_404(CrsApplication, pk=pk)
    own = application.holder_id == request.user.pk
    shared = application.share_documents and user_has_role(request.user, Role.COORDINATOR)
    if not (own or shared):
        raise Http404("No such file.")
    return private_file_response(
        getattr(application, UPLOADS[kind]),
        getattr(application, f"{kind}_content_type"),
        f"crs-application-{kind}",
        request=request,
        label=f"CRS application {application.pk}: {kind} document",
    )


@login_required
def crs_application_cohort(request):
    """For coordinators: how many mentors are at each step, and who has been stuck."""
    _require(request, Role.COORDINATOR)
    cohort = service.crs_cohort()
    return render(
        request,
        "credentials/crs_application_cohort.html",
        {
            "cohort": cohort,
            "step_counts": [(title, cohort.counts[key]) for key, title in cohort.step_titles],
            "stuck_after": steps_rules.STUCK_AFTER_DAYS,
        },
    )
