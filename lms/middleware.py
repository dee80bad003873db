"""Request-level policies: the admin's own security headers, session time limits, and the
second-factor step."""

import logging
import re
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
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
SESSION_RESUME = "_resume_form"
# What a form posted after the sign-out may bring back: never secrets or one-time values.
RESUME_SKIPPED = re.compile(r"csrf|password|token|secret|otp|code|attempt", re.IGNORECASE)
RESUME_MAX_FIELDS = 100
RESUME_MAX_CHARS = 20_000


def _resumable_fields(post) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    size = 0
    for name in list(post)[:RESUME_MAX_FIELDS]:
        if RESUME_SKIPPED.search(name):
            continue
        values = post.getlist(name)
        size += len(name) + sum(len(v) for v in values)
        if size > RESUME_MAX_CHARS:
            return {}
        fields[name] = values
    return fields


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
    SESSION_ABSOLUTE_TIMEOUT seconds after sign-in.

    A form posted after the sign-out is not lost: its fields (never passwords, tokens or codes)
    wait in the session, and when the same person opens the same page after signing in they
    are handed to the page once (`request.resumed_form`; js/site.js fills the form in).
    """

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
                user_pk = user.pk
                fields = _resumable_fields(request.POST) if request.method == "POST" else {}
                logout(request)
                if fields and not request.path.startswith(ADMIN_PREFIX):
                    request.session[SESSION_RESUME] = {
                        "user": user_pk,
                        "path": request.path,
                        "fields": fields,
                    }
                return redirect_to_login(request.get_full_path())
            interval = min(SEEN_WRITE_INTERVAL, settings.SESSION_IDLE_TIMEOUT // 10)
            if now - seen >= interval or SESSION_SEEN not in session:
                session[SESSION_SEEN] = now
            if request.method == "GET" and SESSION_RESUME in session:
                resume = session[SESSION_RESUME]
                if resume.get("path") == request.path or resume.get("user") != user.pk:
                    del session[SESSION_RESUME]
                    if resume.get("user") == user.pk:
                        request.resumed_form = resume.get("fields") or {}
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """A GET on a POST-only address (a bookmarked sign-out, say) answers a page that says what
    to do, not the browser's blank error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and not request.path.startswith(ADMIN_PREFIX)
        ):
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response


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
