"""Certificate figures for `make bench`: the pages under load, render times next to a
WeasyPrint hello-world rendered in the same process, and Open Badge sign/verify times."""

import json
import shutil
import statistics
import time


def _certificate(mentor_email: str):
    from credentials.certificates import services
    from lms.models import TrackPage, User

    mentor = User.objects.get(email=mentor_email)
    track = TrackPage.objects.live().order_by("path").first()
    certificate = services.certificate_issue(user=mentor, track=track)
    return services.certificate_render(certificate=certificate)


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


def openbadge_figures(runs: int = 50) -> dict:
    """Time to sign and to verify one Open Badge, in milliseconds (median of `runs`, no cache).

    JWT: the VC-JWT (joserfc, EdDSA). Proof: the eddsa-rdfc-2022 Data Integrity proof, whose
    cost is the JSON-LD canonicalization. Verify: the whole upload check of /verify/ (parse,
    signature, issuer, status bit, dates), with the status lookup stubbed out.
    """
    import tempfile
    from datetime import UTC, date, datetime
    from decimal import Decimal
    from pathlib import Path

    from credentials.certificates.openbadges import builder, keys, signing, verify

    directory = Path(tempfile.mkdtemp(prefix="bench-openbadge-keys-"))
    key = keys.signing_key(directory)
    kid_url = f"https://bench.example/openbadges/keys/{key.kid}"
    issuer = builder.Issuer(
        "https://bench.example/openbadges/issuer", "Bench", "https://bench.example/"
    )
    facts = builder.BadgeFacts(
        credential_id="https://bench.example/openbadges/credentials/" + "a" * 32,
        issuer=issuer,
        achievement_id="https://bench.example/training/track/",
        title="Peer Mentor Foundations",
        track_title="Peer Mentor Foundations",
        track_version=1,
        criteria=builder.criteria_narrative(
            track_title="Peer Mentor Foundations",
            modules=[(f"Module {n}", 80) for n in range(1, 8)],
            hours=Decimal("19"),
        ),
        hours=Decimal("19"),
        issued_on=date(2026, 3, 14),
        expires_on=date(2028, 3, 14),
        email="holder@example.org",
        salt="0" * 32,
        verification_url="https://bench.example/verify/" + "a" * 32 + "/",
        status_list_url="https://bench.example/openbadges/status/1",
        status_index=4242,
    )
    document = builder.credential(facts)
    now = datetime(2026, 6, 1, tzinfo=UTC)

    def sign_jwt():
        return signing.sign_jwt(builder.jwt_claims(document), key, kid_url)

    def sign_proof():
        return signing.add_proof(document, key, kid_url, now)

    token, signed = sign_jwt(), sign_proof()
    checks = {"issuer_id": issuer.id, "keys": {kid_url: key.raw_public}, "now": now}

    def verify_jwt():
        outcome = verify.verify(token.encode(), status_bit=lambda url, i: False, **checks)
        assert outcome.status == "valid", outcome

    def verify_json():
        data = json.dumps(signed).encode()
        outcome = verify.verify(data, status_bit=lambda url, i: False, **checks)
        assert outcome.status == "valid", outcome

    figures = {}
    for name, function in (
        ("sign_jwt_ms", sign_jwt),
        ("sign_proof_ms", sign_proof),
        ("verify_jwt_ms", verify_jwt),
        ("verify_json_proof_ms", verify_json),
    ):
        figures[name] = round(statistics.median(_timed(function, runs)) * 1000, 2)
    figures["jwt_bytes"] = len(token)
    figures["json_bytes"] = len(json.dumps(signed))
    shutil.rmtree(directory, ignore_errors=True)
    return figures


if __name__ == "__main__":  # python tests/benchmarks/bench_certificates.py
    import os
    import sys

    import django

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    django.setup()
    print("Open Badge sign/verify:", openbadge_figures())
