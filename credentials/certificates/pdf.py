"""Certificate PDFs with WeasyPrint, locked down: only bundled static assets can be fetched.

No network, no file:// outside the bundled assets, no redirects. Everything a holder typed is
template text (autoescaped), so a name full of HTML or CSS renders as those characters.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

import segno
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_SCHEME = "asset:"
ALLOWED_ASSETS = ("certificates/certificate.css",)


class BundledAssetFetcher(URLFetcher):
    """Serve `asset:<name>` for the few bundled certificate assets; refuse everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=[], allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if not url.startswith(ASSET_SCHEME):
            raise ValueError(f"certificate PDFs fetch nothing from outside: {url[:80]}")
        name = url.removeprefix(ASSET_SCHEME)
        if name not in ALLOWED_ASSETS:
            raise ValueError(f"not a bundled certificate asset: {name[:80]}")
        path = Path(finders.find(name))
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": "text/css"})


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (no image request needed)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2, omitsize=False)


def render_certificate_pdf(*, certificate, verify_url: str, issuer: str) -> bytes:
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "issuer": issuer,
            "qr_svg": qr_svg(verify_url),
            "stylesheet": ASSET_SCHEME + ALLOWED_ASSETS[0],
        },
    )
    return HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=BundledAssetFetcher()).write_pdf()


def render_hello_world() -> bytes:
    """The smallest WeasyPrint document, the yardstick for render times."""
    return HTML(string="<p>Hello, world</p>").write_pdf()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verification_url(token: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/verify/{token}/"
