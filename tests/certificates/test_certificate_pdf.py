"""The certificate PDF a program frames and an auditor reads: US Letter landscape, signed, the
organization and (where approved) the PCB wording, and a second page with the transcript."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from content.models import ProgramSettings
from credentials.certificates import pdf
from lms.training.models import ModulePage, TrackPage

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(os.environ.get("CERTIFICATE_ARTIFACTS", "test-results/certificate"))


def _render(certificate, tmp_path) -> Path:
    path = tmp_path / "c.pdf"
    path.write_bytes(
        pdf.render_certificate_pdf(
            certificate=certificate,
            verify_url=pdf.verification_url(certificate.token),
            issuer="Harbor Recovery Peer Program",
        )
    )
    return path


def _text(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_us_letter_landscape_signed_with_the_pcb_wording_and_a_transcript(completed, tmp_path):
    from wagtail.models import Site

    settings = ProgramSettings.for_site(Site.objects.get(is_default_site=True))
    settings.signatory_name = "Dana Whitfield"
    settings.signatory_title = "Program Director"
    settings.pcb_provider_number = "PCB-P-0777"
    settings.save()
    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    track.pcb_approval_number = "PCB-OT-1234"
    track.save()
    certificate = completed
    certificate.pcb_approved_title = "Peer Mentor Foundations (online)"
    certificate.pcb_approved_hours = 5
    certificate.save()

    path = _render(certificate, tmp_path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+2$", info.stdout, re.M), info.stdout
    assert "792 x 612 pts (letter)" in info.stdout

    first = " ".join(_text(path, 1).split())
    for expected in (
        certificate.holder_name,
        "Harbor Recovery Peer Program",
        "Dana Whitfield",
        "Program Director",
        "Peer Mentor Foundations (online)",
        "PCB Approved for 5 Hours",
        "PCB-OT-1234",
        "PCB provider number PCB-P-0777",
        certificate.formatted_code,
    ):
        assert expected in first, expected
    transcript = " ".join(_text(path, 2).split())
    assert "Transcript" in transcript
    for module in ModulePage.objects.live().descendant_of(track):
        assert module.title in transcript
        assert module.get_ce_topic_display() in transcript
    assert certificate.issued_on.strftime("%B") in transcript

    # Both pages as pictures, kept with the test results; the QR code still decodes.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", str(path), str(ARTIFACTS / "certificate")], check=True
    )
    shutil.copy(path, ARTIFACTS / "certificate.pdf")
    pages = sorted(ARTIFACTS.glob("certificate-*.png"))
    assert len(pages) == 2
    print(f"\ncertificate pages: {', '.join(str(p) for p in pages)}")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-singlefile", str(path), str(tmp_path / "p")],
        check=True,
    )
    qr = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "p.png")], capture_output=True, text=True
    ).stdout.strip()
    assert qr.endswith(f"/verify/{certificate.token}/")


def test_without_approval_there_is_no_pcb_wording(completed, tmp_path):
    from wagtail.models import Site

    settings = ProgramSettings.for_site(Site.objects.get(is_default_site=True))
    settings.pcb_provider_number = "PCB-P-0777"
    settings.save()
    certificate = completed
    certificate.pcb_approved_hours = None
    certificate.save()
    text = _text(_render(certificate, tmp_path), 1)
    assert "PCB Approved" not in text
    assert "PCB-P-0777" not in text  # the provider number only on approved tracks
