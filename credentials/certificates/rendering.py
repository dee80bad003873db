"""Rendering a certificate's PDF and storing it with its SHA-256: the background task's work,
also done on demand when a holder downloads a certificate the worker has not reached yet."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from content.models import ProgramSettings
from credentials.certificates import pdf
from credentials.models.certificates import Certificate, CertificatePdfHash

logger = logging.getLogger(__name__)


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


PDF_STILL_THERE = "This certificate's PDF is in storage: there is nothing to regenerate."


def certificate_pdf_regenerate(*, certificate: Certificate, by=None, now=None) -> Certificate:
    """Make a certificate's PDF again when its file is missing from storage.

    The first SHA-256 stays on the certificate and the new file's is added
    (CertificatePdfHash), so a download made before the loss and one made after both verify by
    upload. Raises ValidationError while the file is still there.
    """
    from credentials.reminders import missing_file_restored

    now = now or timezone.now()
    if not certificate.pdf_sha256:  # never rendered: the ordinary first rendering
        return certificate_render(certificate=certificate)
    if certificate.pdf.name and certificate.pdf.storage.exists(certificate.pdf.name):
        raise ValidationError(PDF_STILL_THERE, code="pdf_present")
    data = pdf.render_certificate_pdf(
        certificate=certificate,
        verify_url=pdf.verification_url(certificate.token),
        issuer=ProgramSettings.program_name(),
    )
    digest = pdf.sha256(data)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        old_name = locked.pdf.name
        if old_name and locked.pdf.storage.exists(old_name):  # another coordinator was quicker
            return locked
        locked.pdf.save(f"{locked.token}.pdf", ContentFile(data), save=False)
        locked.rendered_at = now
        locked.save(update_fields=["pdf", "rendered_at"])
        if digest != locked.pdf_sha256:
            CertificatePdfHash.objects.get_or_create(
                certificate=locked, sha256=digest, defaults={"added_at": now, "added_by": by}
            )
        if old_name:
            missing_file_restored(name=old_name, now=now)
    logger.warning(
        "Certificate %s: PDF regenerated after it went missing (%s)", locked.code, locked.pdf.name
    )
    return locked
