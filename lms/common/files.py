"""Sending a private file (certificate PDFs, evidence) once the view has checked who is asking.

With PRIVATE_MEDIA_ACCEL_PREFIX set (the production topology: deploy/stack.sh sets "/_private/"),
the response carries only headers and an X-Accel-Redirect to that prefix; nginx's `internal`
location there, an alias of PRIVATE_MEDIA_ROOT, sends the bytes, so an app server's worker is
free as soon as the check is done. Unset (`make run`, tests), Django streams the file itself.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

NO_FILE = "No file."


def private_file_response(
    storage: Storage, name: str, *, content_type: str, filename: str, headers: dict[str, str]
) -> HttpResponse | FileResponse:
    """The stored file `name` as a download called `filename`; 404 when it is not there.

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
            raise Http404(NO_FILE)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as error:
            raise Http404(NO_FILE) from error
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    for header, value in headers.items():
        response[header] = value
    return response
