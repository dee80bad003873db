"""Template context every page needs: the program's name and the signed-in user's roles."""

from django.conf import settings

from lms.accounts.roles import Role, user_has_role


def site(request):
    user = getattr(request, "user", None)
    roles = {role.value for role in Role if user is not None and user_has_role(user, role)}
    return {
        "PROGRAM_NAME": settings.PROGRAM_NAME,
        "user_roles": roles,
        "is_staff_role": bool(roles & {Role.EDITOR.value, Role.COORDINATOR.value}),
        # For the idle-timeout warning (static/js/site.js).
        "SESSION_IDLE_SECONDS": settings.SESSION_IDLE_TIMEOUT,
        "SESSION_IDLE_WARNING_SECONDS": settings.SESSION_IDLE_WARNING,
    }
