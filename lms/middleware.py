"""Request-level policies: the admin's own security headers, session time limits, and the
second-factor step."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.csp import CSP
from django.utils.http import urlencode

from lms.accounts.factors import second_factor_redirect

ADMIN_PREFIX = "/admin/"

# The Wagtail admin runs inline scripts and styles of its own; only its pages get this policy.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# A preview is shown inside the editor's own frame, so the admin (and only it) may frame it.
ADMIN_PREVIEW_CSP = {**ADMIN_CSP, "frame-ancestors": [CSP.SELF]}


class AdminSecurityHeadersMiddleware:
    """Give admin pages the admin CSP; only the responses Wagtail marks as framable (its page
    and block previews, X-Frame-Options SAMEORIGIN) may be framed, and only by the admin.

    A preview renders the page through a request of its own for the page's public URL, which
    leaves the site's policy (frame-ancestors 'none') on the response: it is replaced here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            framable = response.get("X-Frame-Options") == "SAMEORIGIN"
            response.headers.pop(CSP.HEADER_ENFORCE, None)
            response._csp_config = ADMIN_PREVIEW_CSP if framable else ADMIN_CSP
            response["X-Frame-Options"] = "SAMEORIGIN" if framable else "DENY"
        return response


SESSION_STARTED = "_started_at"
SESSION_SEEN = "_seen_at"
SEEN_WRITE_INTERVAL = 60  # seconds: don't write the session on every request


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
    SESSION_ABSOLUTE_TIMEOUT seconds after sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SESSION_STARTED, now)
            seen = session.get(SESSION_SEEN, now)
            idle = now - seen > settings.SESSION_IDLE_TIMEOUT
            expired = now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or expired:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - seen >= SEEN_WRITE_INTERVAL or SESSION_SEEN not in session:
                session[SESSION_SEEN] = now
        return self.get_response(request)


class OutOfRangeInputMiddleware:
    """A number too large for the database (an id past 64 bits, say) is bad input: answer 400
    with a plain message instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError
        from django.template.response import TemplateResponse

        if isinstance(exception, OverflowError | DataError):
            # Logged, so that a real data bug behind a 400 still reaches error monitoring.
            logging.getLogger("lms.bad_input").warning(
                "out-of-range input on %s %s: %s", request.method, request.path, exception
            )
            return TemplateResponse(
                request,
                "400.html",
                {"message": "Something in what was sent is out of range. Go back and check it."},
                status=400,
            )
        return None


class SecondFactorMiddleware:
    """Send a signed-in person to the second-factor step where lms.accounts.factors says so
    (after django-otp's OTPMiddleware, which knows whether this session has passed it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = second_factor_redirect(request.user, request.path)
        if target is not None:
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
