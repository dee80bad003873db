"""Mentor selection pages: the applicant's own application page, and for coordinators the
board, one application (its answers, decisions, interviews) and the interview form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts.roles import Role
from lms.common.forms import form_add_service_error
from lms.mentorship import applications, selection, selectors
from lms.mentorship.access import role_required
from lms.mentorship.choices import ApplicationStage
from lms.mentorship.forms import ApplicationMoveForm, InterviewForm, MentorApplicationForm
from lms.mentorship.models import MentorApplication, MentorProfile, RubricCriterion

mentor_only = role_required(Role.MENTOR)
coordinator_only = role_required(Role.COORDINATOR)

STILL_PAIRED = (
    "This mentor still has {count} active pair(s). They are listed on the program dashboard "
    'under "Mentors no longer qualified, still paired": decide what each pair needs.'
)


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _initial(application, profile) -> dict:
    initial: dict = {}
    if application is not None:
        initial |= {name: getattr(application, name) for name in applications.APPLICATION_FIELDS}
    if profile is not None:
        initial |= {
            "formats": profile.formats,
            "times": profile.times,
            "languages": profile.languages,
        }
    return initial


@mentor_only
@require_http_methods(["GET", "POST"])
def application(request):
    """Apply to mentor, then see where the application stands (and correct it while it waits)."""
    user = request.user
    mine = MentorApplication.objects.filter(user=user).first()
    profile = MentorProfile.objects.filter(user=user).first()
    editable = mine is None or mine.stage == selection.PIPELINE[0]
    form = MentorApplicationForm(
        request.POST if editable and request.method == "POST" else None,
        initial=_initial(mine, profile),
    )
    refusal = applications.CANNOT_EDIT if request.method == "POST" and not editable else ""
    if request.method == "POST" and editable and form.is_valid():
        try:
            if mine is None:
                applications.application_submit(
                    user=user, data=form.application_data(), profile_data=form.profile_data()
                )
                messages.success(request, "Thank you. Your application is in.")
            else:
                applications.application_update(
                    application=mine,
                    user=user,
                    data=form.application_data(),
                    profile_data=form.profile_data(),
                )
                messages.success(request, "Your changes are saved.")
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("mentorship:application")
    return TemplateResponse(
        request,
        "mentorship/application.html",
        {
            "application": mine,
            "form": form if editable else None,
            "explanation": applications.STAGE_EXPLANATIONS.get(mine.stage) if mine else "",
            "crs_in_force": applications.crs_in_force(user=user),
            "refusal": refusal,
        },
        status=400 if refusal else _status(form),
    )


@coordinator_only
@require_safe
def board(request):
    """Every stage's count and applications, longest waiting first; `?stage=` (repeatable)
    shows only those stages, as the admin home's "applicants waiting" count links to."""
    now = timezone.now()
    asked = request.GET.getlist("stage")
    unknown = [value for value in asked if value not in ApplicationStage.values]
    stages = tuple(asked) if asked and not unknown else None
    columns = applications.application_board(stages=stages)
    for column in columns:
        for item in column.applications:
            item.days_waiting = applications.days_waiting(item, now=now)
    return TemplateResponse(
        request,
        "mentorship/application_board.html",
        {
            "columns": columns,
            "filtered": stages is not None,
            "waiting": stages is not None and set(stages) == set(applications.WAITING_STAGES),
            "refusal": applications.UNKNOWN_STAGE.format(value=unknown[0][:60]) if unknown else "",
        },
        status=400 if unknown else 200,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def application_detail(request, pk: int):
    """One application: the answers (private details included: coordinators decide), the CRS
    state, every decision with its author, interviews; and the move to the next stage."""
    item = get_object_or_404(MentorApplication.objects.select_related("user"), pk=pk)
    stages = selection.allowed_moves(item.stage, paused_from=item.paused_from)
    form = ApplicationMoveForm(request.POST or None, stages=stages)
    if request.method == "POST" and form.is_valid():
        try:
            applications.application_move(
                application=item,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Decision recorded. The applicant has been told to sign in.")
            aside = form.cleaned_data["to_stage"] in selection.ASIDE
            if aside and (pairs := selectors.active_pairings_of(user=item.user)):
                messages.warning(request, STILL_PAIRED.format(count=len(pairs)))
            return redirect("mentorship:application_detail", pk=item.pk)
    return TemplateResponse(
        request,
        "mentorship/application_detail.html",
        {
            "item": item,
            "form": form,
            "decisions": applications.application_decisions(application=item),
            "interviews": applications.application_interviews(application=item),
            "crs_in_force": applications.crs_in_force(user=item.user),
            "profile_answers": selectors.application_profile_answers(
                profile=MentorProfile.objects.filter(user=item.user).first()
            ),
            "can_interview": item.stage not in (selection.PIPELINE[0], "withdrawn"),
        },
        status=_status(form),
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def interview_new(request, pk: int):
    """Record an interview on the current rubric."""
    item = get_object_or_404(MentorApplication.objects.select_related("user"), pk=pk)
    criteria = list(RubricCriterion.objects.active())
    form = InterviewForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            applications.interview_record(
                application=item,
                held_on=form.cleaned_data["held_on"],
                recommendation=form.cleaned_data["recommendation"],
                scores=form.scores(),
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Interview recorded.")
            return redirect("mentorship:application_detail", pk=item.pk)
    return TemplateResponse(
        request,
        "mentorship/interview_form.html",
        {"item": item, "form": form},
        status=_status(form),
    )
