"""Certificate figures for `make bench`: the pages under load, and render times next to a
WeasyPrint hello-world rendered in the same process."""

import statistics
import time


def _certificate(mentor_email: str):
    from credentials.certificates import rendering, services
    from lms.accounts.models import User
    from lms.training.models import TrackPage

    mentor = User.objects.get(email=mentor_email)
    track = TrackPage.objects.live().order_by("path").first()
    certificate = services.certificate_issue(user=mentor, track=track)
    return rendering.certificate_render(certificate=certificate)


def endpoints(*, mentor_email: str) -> dict[str, dict]:
    certificate = _certificate(mentor_email)
    return {
        "verification page": {"path": certificate.get_absolute_url(), "signed_in": False},
        "certificate download": {
            "path": f"/certificates/{certificate.pk}/certificate.pdf",
            "signed_in": True,
        },
    }


def _timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def render_figures(mentor_email: str = "bench-mentor@example.org") -> dict:
    """Cold (first in this process) and warm (median of 5) render times, in milliseconds."""
    from credentials.certificates import pdf
    from credentials.models import Certificate

    certificate = Certificate.objects.filter(holder__email=mentor_email).first()
    url = pdf.verification_url(certificate.token)

    def render():
        return pdf.render_certificate_pdf(certificate=certificate, verify_url=url, issuer="Bench")

    hello_cold = _timed(pdf.render_hello_world, 1)[0]
    hello_warm = statistics.median(_timed(pdf.render_hello_world, 5))
    cert_cold = _timed(render, 1)[0]
    cert_warm = statistics.median(_timed(render, 5))
    return {
        "hello_world_cold_ms": round(hello_cold * 1000, 1),
        "hello_world_warm_ms": round(hello_warm * 1000, 1),
        "certificate_cold_ms": round(cert_cold * 1000, 1),
        "certificate_warm_ms": round(cert_warm * 1000, 1),
        "warm_ratio_to_hello_world": round(cert_warm / hello_warm, 2),
        "pdf_bytes": len(render()),
    }
