"""Background work for certificates (Django tasks; a database-backed worker in production)."""

from django.tasks import task

from credentials.certificates.rendering import certificate_render
from credentials.models.certificates import Certificate


@task()
def render_certificate(certificate_id: int) -> str:
    """Render and store a certificate's PDF; returns its SHA-256."""
    certificate = Certificate.objects.get(pk=certificate_id)
    return certificate_render(certificate=certificate).pdf_sha256
