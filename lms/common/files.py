"""Sending a private file (certificate PDFs, evidence) once the view has checked who is asking.

With PRIVATE_MEDIA_ACCEL_PREFIX set (the production topology: deploy/stack.sh sets "/_private/"),
the response carries only headers and an X-Accel-Redirect to that prefix; nginx's `internal`
location there, an alias of PRIVATE_MEDIA_ROOT, sends the bytes, so an app server's worker is
free as soon as the check is done. Unset (`make run`, tests), Django streams the file itself.

A file the database names but storage no longer holds (a restore that missed it, a disk
replaced) is not a server error: the person asking reads a 404 page that says the program's
coordinators have been told, an error is logged, and `private_file_missing` is sent (credentials
records it for the coordinators' digest; lms never imports credentials).
"""

import logging
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.dispatch import Signal
from django.http import FileResponse, Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header

logger = logging.getLogger("lms.files")

NO_FILE = "No file."
# Sent with name (the storage name), label (what the file is, for coordinators: no personal
# data) and path (the address that asked for it).
private_file_missing = Signal()


def missing_file_response(request, storage: Storage, name: str, *, label: str) -> HttpResponse:
    """The file `name` is recorded but not in storage: log, tell the coordinators, answer 404."""
    logger.error(
        "Private file missing from storage: %s (%s), asked for at %s", name, label, request.path
    )
    private_file_missing.send(sender=type(storage), name=name, label=label, path=request.path)
    return TemplateResponse(request, "files/missing.html", {"label": label}, status=404)


def private_file_response(
    storage: Storage,
    name: str,
    *,
    content_type: str,
    filename: str,
    headers: dict[str, str],
    request=None,
    label: str = "a file",
) -> HttpResponse | FileResponse:
    """The stored file `name` as a download called `filename`; 404 when it is not there.

    With `request`, a file missing from storage answers the friendly 404 page and is reported
    (missing_file_response); `label` says what it is, for the coordinators.

    Call only after the permission check: the internal location is reachable through this
    header alone, never by a browser asking for it.
    """
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    response: HttpResponse | FileResponse
    if prefix:
        # Storage names are made by the storage (no "..", no leading "/"); quoted for the header.
        if not name or name.startswith("/") or ".." in name.split("/"):
            raise Http404(NO_FILE)
        if not storage.exists(name):
            if request is not None:
                return missing_file_response(request, storage, name, label=label)
            raise Http404(NO_FILE)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as error:
            if request is not None:
                return missing_file_response(request, storage, name, label=label)
            raise Http404(NO_FILE) from error
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    for header, value in headers.items():
        response[header] = value
    return response
