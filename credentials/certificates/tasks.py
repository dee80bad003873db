"""Background work for certificates (Django tasks; a database-backed worker in production)."""

from django.tasks import task


@task()
def render_certificate(certificate_id: int) -> str:
    """Render and store a certificate's PDF; returns its SHA-256."""
    from credentials.certificates.services import certificate_render
    from credentials.models.certificates import Certificate

    certificate = Certificate.objects.get(pk=certificate_id)
    return certificate_render(certificate=certificate).pdf_sha256
