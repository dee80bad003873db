"""Evidence and certificate uploads: type told by content (never by name), size limit, private
storage, and names that carry no personal data."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat

from lms.common.files import private_file_response as send_private_file

# Content type -> file extension used for storage and downloads.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
PRIVATE_HEADERS = {"Cache-Control": "private, no-store"}

UPLOAD_WRONG_TYPE = "Upload a PDF or an image (JPEG, PNG or WebP). This file is neither."
UPLOAD_TOO_LARGE = "This file is {size}. Upload a file of at most {limit}."
UPLOAD_EMPTY = "This file is empty."


def max_upload_bytes() -> int:
    return int(getattr(settings, "CREDENTIALS_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def sniff_content_type(head: bytes) -> str | None:
    """The content type from a file's first bytes, for the types we accept; None otherwise."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def validate_upload(upload) -> str:
    """Check an UploadedFile's size and content; return its content type or raise."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            UPLOAD_TOO_LARGE.format(size=filesizeformat(upload.size), limit=filesizeformat(limit)),
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(UPLOAD_WRONG_TYPE, code="wrong_type")
    return content_type


def private_storage():
    """The storage for files only their owner and coordinators may read (never under MEDIA)."""
    return storages["private"]


def _random_name(folder: str, instance, content_type_field: str) -> str:
    extension = ALLOWED_TYPES.get(getattr(instance, content_type_field, ""), "bin")
    return f"credentials/{folder}/{uuid.uuid4().hex}.{extension}"


def evidence_upload_to(instance, filename: str) -> str:
    """A random name: the uploaded name may hold personal data and is not trusted."""
    return _random_name("evidence", instance, "evidence_content_type")


def certificate_upload_to(instance, filename: str) -> str:
    return _random_name("ce-certificates", instance, "certificate_content_type")


def education_upload_to(instance, filename: str) -> str:
    return _random_name("application", instance, "education_content_type")


def release_upload_to(instance, filename: str) -> str:
    return _random_name("application", instance, "release_content_type")


def private_file_response(
    field_file, content_type: str, stem: str, *, request=None, label: str = ""
) -> HttpResponse | FileResponse:
    """A private file as a download, for views that have checked who is asking; a file that is
    not there is a 404 (with `request`, the page that says coordinators were told, and a report).
    Sent by nginx on the production topology (lms/common/files.py)."""
    if not field_file:
        raise Http404("No file.")
    extension = ALLOWED_TYPES.get(content_type, "bin")
    return send_private_file(
        field_file.storage,
        field_file.name,
        content_type=content_type or "application/octet-stream",
        filename=f"{stem}.{extension}",
        headers=PRIVATE_HEADERS,
        request=request,
        label=label or stem.replace("-", " "),
    )
