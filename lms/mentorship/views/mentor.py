"""Mentor pages: my mentees (current and past pairs) and my matching profile."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts.roles import Role
from lms.mentorship import selectors, services
from lms.mentorship.access import role_required
from lms.mentorship.forms import MentorProfileForm
from lms.mentorship.models import MentorProfile

mentor_only = role_required(Role.MENTOR)


@mentor_only
@require_safe
def home(request):
    """The mentor's pairs: next check-in due, agreement to acknowledge, milestones; then past
    pairs. No mentee data here beyond the display name."""
    today = timezone.localdate()
    pairings = list(selectors.mentor_pairings(mentor=request.user).order_by("-confirmed_at"))
    active = [p for p in pairings if p.is_active]
    services.milestones_record_due(pairings=active, today=today)
    profile = MentorProfile.objects.filter(user=request.user).first()
    return TemplateResponse(
        request,
        "mentorship/mentor_home.html",
        {
            "statuses": selectors.pair_statuses(pairings=active, today=today),
            "ended": [p for p in pairings if not p.is_active],
            "profile": profile,
            "today": today,
        },
    )


@mentor_only
@require_http_methods(["GET", "POST"])
def profile(request):
    """The mentor's own matching profile, what mentees may see of it, and their consent."""
    instance = (
        MentorProfile.objects.filter(user=request.user)
        .prefetch_related("experience_areas", "goals")
        .first()
    )
    form = MentorProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.mentor_profile_save(
            mentor=request.user,
            data=form.profile_data(),
            by=request.user,
            consent=form.cleaned_data["consent"],
            reason="Edited by the mentor",
        )
        messages.success(request, "Your profile is saved.")
        return redirect("mentorship:mentor_home")
    return TemplateResponse(
        request,
        "mentorship/mentor_profile_form.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
