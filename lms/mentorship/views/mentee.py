"""Mentee pages: my mentor (display name and what they share), feedback on a meeting, and my
own answers with what my mentor may see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts.roles import Role
from lms.common.forms import form_add_service_error
from lms.mentorship import selectors, services
from lms.mentorship.access import forbidden, role_required
from lms.mentorship.forms import FeedbackForm, MenteeProfileForm
from lms.mentorship.models import CheckIn, MenteeProfile
from lms.mentorship.views.pairs import mentor_profile_of

mentee_only = role_required(Role.MENTEE)

NOT_YOUR_MEETING = "You can only give feedback on your own meetings."


@mentee_only
@require_safe
def home(request):
    """My mentor: their display name and only what they chose to share; the agreement; meetings
    to give feedback on; milestones."""
    today = timezone.localdate()
    pairing = selectors.active_pairing_for_mentee(mentee=request.user)
    profile = MenteeProfile.objects.filter(user=request.user).first()
    context = {"pairing": pairing, "profile": profile}
    if pairing is not None:
        services.milestones_record_due(pairings=[pairing], today=today)
        status = selectors.pair_statuses(pairings=[pairing], today=today)[0]
        context.update(
            status=status,
            mentor_shared=selectors.mentor_shared_fields(profile=mentor_profile_of(pairing)),
            meetings=selectors.meetings_for_feedback(pairing=pairing),
            needs_my_ack=status.agreement is not None
            and status.agreement.mentee_acknowledged_at is None,
        )
    return TemplateResponse(request, "mentorship/mentee_home.html", context)


@mentee_only
@require_http_methods(["GET", "POST"])
def profile(request):
    """The mentee's own answers, their consent, and what their mentor may see."""
    instance = (
        MenteeProfile.objects.filter(user=request.user)
        .prefetch_related("goals", "experience_areas")
        .first()
    ) or MenteeProfile(user=request.user)
    form = MenteeProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.mentee_profile_save(
            mentee=request.user,
            data=form.profile_data(),
            by=request.user,
            consent=form.cleaned_data["consent"],
        )
        messages.success(request, "Your answers are saved.")
        return redirect("mentorship:mentee_home")
    return TemplateResponse(
        request,
        "mentorship/mentee_profile_form.html",
        {"form": form, "by_coordinator": False},
        status=400 if form.is_bound and form.errors else 200,
    )


@mentee_only
@require_http_methods(["GET", "POST"])
def feedback(request, checkin_id: int):
    """Rate one of my meetings, 1 to 5, with an optional comment; only coordinators read it."""
    checkin = get_object_or_404(CheckIn.objects.select_related("pairing"), pk=checkin_id)
    if checkin.pairing.mentee_id != request.user.pk:
        return forbidden(request, NOT_YOUR_MEETING)
    already = checkin.feedback.exists()
    form = None if already else FeedbackForm(request.POST or None)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.feedback_give(
                checkin=checkin,
                mentee=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect("mentorship:mentee_home")
    return TemplateResponse(
        request,
        "mentorship/feedback_form.html",
        {"checkin": checkin, "form": form, "already": already},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )
