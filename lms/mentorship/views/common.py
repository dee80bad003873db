"""Helpers shared by the programme's views."""

from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from lms.accounts.roles import Role, user_has_role
from lms.mentorship.access import role_required


@role_required(Role.COORDINATOR, Role.MENTOR, Role.MENTEE)
@require_safe
def home(request):
    """/programme/: each role's own starting page."""
    user = request.user
    if user_has_role(user, Role.COORDINATOR):
        return redirect("mentorship:coordinator_dashboard")
    if user_has_role(user, Role.MENTOR):
        return redirect("mentorship:mentor_home")
    return redirect("mentorship:mentee_home")
