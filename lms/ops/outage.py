"""When the database is away: a static 503 page with Retry-After, never a 500.

A connection that fails or drops, and a statement or lock wait that PostgreSQL cancels
(statement_timeout, lock_timeout: psycopg's QueryCanceled and LockNotAvailable, which Django
raises as OperationalError), answer the page in templates/503.html. The page is rendered with no
request and no context processors, so showing it reads neither the session nor the database.

Two ways in, because an exception is caught where it happens: DatabaseUnavailableMiddleware for
views (the usual case), and `server_error`, the 500 handler, for middleware further out (the
session or the signed-in user loaded on the way in). Both log one error line that says what
happened; Django's request log then records the 503 ("Service Unavailable"), not a 500.
"""

import logging
import sys
from functools import cache

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("lms.ops.outage")

# Seconds a browser (and a person) is asked to wait: a restart or failover takes a few seconds,
# a held lock up to DATABASE_LOCK_TIMEOUT_MS before the request gives up by itself.
RETRY_AFTER_SECONDS = 10
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


@cache
def _page() -> bytes:
    return loader.render_to_string(
        "503.html",
        {"PROGRAM_NAME": settings.PROGRAM_NAME, "retry_after": RETRY_AFTER_SECONDS},
    ).encode()


def unavailable_response(request, error: BaseException) -> HttpResponse:
    """The 503 page for `error`, logged once as an outage."""
    cause = error.__cause__ or error
    logger.error(
        "Database unavailable (%s: %s) on %s %s: answered 503",
        type(cause).__name__,
        str(cause).strip().splitlines()[0] if str(cause).strip() else "",
        request.method,
        request.path,
    )
    response = HttpResponse(_page(), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that met a database outage answers the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request, template_name="500.html"):
    """The 500 handler (handler500): a database outage raised outside a view is a 503 too."""
    error = sys.exc_info()[1]
    if is_database_outage(error):
        return unavailable_response(request, error)
    try:
        return django_server_error(request, template_name=template_name)
    except Exception:  # pragma: no cover - the 500 page itself failed
        return HttpResponseServerError(b"Server error", content_type="text/plain")
