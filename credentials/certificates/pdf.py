"""Certificate PDFs with WeasyPrint, locked down: only bundled static assets can be fetched.

No network, no file:// outside the bundled assets, no redirects. Everything a holder typed is
template text (autoescaped), so a name full of HTML or CSS renders as those characters.
"""

import base64
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

import segno
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from content.models import ProgramSettings
from lms.training.models import ModuleCompletion

ASSET_SCHEME = "asset:"
ALLOWED_ASSETS = ("certificates/certificate.css",)
# The signature scan travels inside the HTML as a data: URL, decoded here, never fetched.
IMAGE_DATA = {"data:image/png;base64,": "image/png", "data:image/jpeg;base64,": "image/jpeg"}
SIGNATURE_MAX_BYTES = 512 * 1024


class BundledAssetFetcher(URLFetcher):
    """Serve `asset:<name>` for the few bundled certificate assets; refuse everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=[], allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        for prefix, content_type in IMAGE_DATA.items():
            if url.startswith(prefix):
                body = base64.b64decode(url.removeprefix(prefix), validate=True)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
        if not url.startswith(ASSET_SCHEME):
            raise ValueError(f"certificate PDFs fetch nothing from outside: {url[:80]}")
        name = url.removeprefix(ASSET_SCHEME)
        if name not in ALLOWED_ASSETS:
            raise ValueError(f"not a bundled certificate asset: {name[:80]}")
        path = Path(finders.find(name))
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": "text/css"})


@functools.cache
def _fetcher() -> BundledAssetFetcher:
    """One fetcher per process: building one sets up an SSL context (about 70 ms), which a
    fetcher that never opens a connection does not need anew for every certificate."""
    return BundledAssetFetcher()


def qr_png(url: str) -> str:
    """The verification URL as a QR code in a PNG data: URL (no request; the fetcher decodes it).

    A PNG, not inline SVG: WeasyPrint draws an SVG QR code path by path in Python, which took
    about a third of a certificate's render time, while a 1-bit PNG is one image. At 10 px a
    module, the 34 mm code has over 300 dpi, and `image-rendering: pixelated` keeps its edges.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(scale=10, border=2)


@functools.cache
def _stylesheet() -> CSS:
    """The certificate's CSS, parsed once per process rather than for every certificate."""
    found = finders.find(ALLOWED_ASSETS[0])
    if not isinstance(found, str):
        raise RuntimeError(f"the certificate stylesheet is missing: {ALLOWED_ASSETS[0]}")
    return CSS(string=Path(found).read_text(), font_config=_font_config())


@functools.cache
def _font_config() -> FontConfiguration:
    """One font configuration per process: building one asks fontconfig for every font on the
    system, a cost that does not change from one certificate to the next."""
    return FontConfiguration()


def _signature_data_url(image) -> str | None:
    """The program's signature scan as a data: URL (PNG or JPEG, at most 512 KB), or None."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            body = handle.read(SIGNATURE_MAX_BYTES + 1)
    except OSError:
        return None
    kinds = {b"\x89PNG": "data:image/png;base64,", b"\xff\xd8\xff": "data:image/jpeg;base64,"}
    prefix = next((p for magic, p in kinds.items() if body.startswith(magic)), None)
    if prefix is None or len(body) > SIGNATURE_MAX_BYTES:
        return None
    return prefix + base64.b64encode(body).decode()


def transcript(certificate) -> list[dict]:
    """The modules of the certificate's track the holder completed, in track order: title,
    hours, continuing-education topic and completion date."""
    if not certificate.track_id:
        return []
    completions = (
        ModuleCompletion.objects.filter(
            user_id=certificate.holder_id, module__path__startswith=certificate.track.path
        )
        .select_related("module")
        .order_by("module__path")
    )
    return [
        {
            "title": c.module.title,
            "hours": c.hours,
            "topic": c.module.get_ce_topic_display(),
            "completed_on": timezone.localdate(c.completed_at),
        }
        for c in completions
    ]


def render_certificate_pdf(*, certificate, verify_url: str, issuer: str) -> bytes:
    program = ProgramSettings.current()
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "issuer": issuer,
            "qr_png": qr_png(verify_url),
            "signatory_name": program.signatory_name if program else "",
            "signatory_title": program.signatory_title if program else "",
            "signature": _signature_data_url(program.signature_image if program else None),
            "pcb_approval_number": (
                certificate.track.pcb_approval_number if certificate.track_id else ""
            ),
            "pcb_provider_number": program.pcb_provider_number.strip() if program else "",
            "transcript": transcript(certificate),
        },
    )
    document = HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())


def render_hello_world() -> bytes:
    """The smallest WeasyPrint document, the yardstick for render times."""
    return HTML(string="<p>Hello, world</p>").write_pdf()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verification_url(token: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/verify/{token}/"
