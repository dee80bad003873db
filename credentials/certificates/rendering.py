"""Rendering a certificate's PDF and storing it with its SHA-256: the background task's work,
also done on demand when a holder downloads a certificate the worker has not reached yet."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from content.models import ProgramSettings
from credentials.certificates import pdf
from credentials.models.certificates import Certificate


def certificate_render(*, certificate: Certificate, issuer: str | None = None) -> Certificate:
    """Render and store the PDF once, with its SHA-256; later calls change nothing."""
    if certificate.pdf_sha256:
        return certificate
    issuer = issuer or ProgramSettings.program_name()
    data = pdf.render_certificate_pdf(
        certificate=certificate, verify_url=pdf.verification_url(certificate.token), issuer=issuer
    )
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.pdf_sha256:
            return locked
        locked.pdf.save(f"{locked.token}.pdf", ContentFile(data), save=False)
        locked.pdf_sha256 = pdf.sha256(data)
        locked.rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_sha256", "rendered_at"])
    return locked
