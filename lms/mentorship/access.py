"""Role checks for every program page: anonymous visitors go to sign-in, other roles get 403.

Recruiters and editors hold none of the program's roles, so no page here ever shows them a
mentee's data; nor does any page here work without signing in.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from lms.accounts.roles import user_has_role
from lms.mentorship import selectors
from lms.mentorship.models import Pairing

NOT_YOUR_PAGE = "This page belongs to another part of the program."
NOT_YOUR_PAIR = "You can only open the pairings you are part of."


def forbidden(request, message: str = NOT_YOUR_PAGE):
    return TemplateResponse(request, "403.html", {"message": message}, status=403)


def _private(response):
    """Program pages are never stored by a browser or proxy (shared phones and computers)."""
    add_never_cache_headers(response)
    return response


def role_required(*roles):
    """Let in signed-in users holding any of `roles`; sign-in first for anonymous visitors."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user_has_role(request.user, role) for role in roles):
                return forbidden(request)
            return _private(view(request, *args, **kwargs))

        return wrapper

    return decorator


def pairing_view(*allowed: str):
    """Load the pair from `pk` and let in only the relations listed (coordinator, mentor, mentee
    of this pair); passes `pairing` and `relation` to the view."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            pairing = get_object_or_404(Pairing.objects.select_related("mentor", "mentee"), pk=pk)
            relation = selectors.pairing_role(pairing=pairing, user=request.user)
            if relation not in allowed:
                return forbidden(request, NOT_YOUR_PAIR)
            return _private(view(request, pairing, relation, *args, **kwargs))

        return wrapper

    return decorator
