"""Helpers shared by the program's views."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from lms.accounts.roles import Role, user_has_role
from lms.mentorship.access import role_required


@role_required(Role.COORDINATOR, Role.CLINICIAN, Role.MENTOR, Role.MENTEE)
@require_safe
def home(request):
    """/program/: each role's own starting page."""
    user = request.user
    if user_has_role(user, Role.COORDINATOR):
        return redirect("mentorship:coordinator_dashboard")
    if user_has_role(user, Role.CLINICIAN):
        return redirect("mentorship:clinician_home")
    if user_has_role(user, Role.MENTOR):
        return redirect("mentorship:mentor_home")
    return redirect("mentorship:mentee_home")


OLD_PREFIX, NEW_PREFIX = "/programme/", "/program/"


def old_spelling_redirect(request):
    """/programme/... (the old, British spelling) -> /program/..., permanently, with the query.

    Built from the escaped full path, so whatever was typed after the prefix stays inert.
    """
    return HttpResponsePermanentRedirect(NEW_PREFIX + request.get_full_path()[len(OLD_PREFIX) :])
