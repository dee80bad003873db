"""Demo certificate: one demo mentor has completed the track (development only)."""

from django.conf import settings
from django.db import transaction

from credentials.certificates.openbadges.services import openbadge_for
from credentials.models.certificates import Certificate
from lms.accounts.models import User
from lms.training.demo import demo_progress

HOLDER = "alex.mentor@example.org"


def _give_badge() -> None:
    """Sign the demo certificate's Open Badge once it exists (its index, key and cache)."""
    certificate = current_certificate(HOLDER)
    if certificate is not None:
        openbadge_for(certificate=certificate)


def current_certificate(email: str) -> Certificate | None:
    holder = User.objects.filter(email=email).first()
    if holder is None:
        return None
    return holder.certificates.filter(revoked_at__isnull=True, superseded_at__isnull=True).first()


def load(*, password: str) -> list[tuple[str, str]]:
    """Complete the track for the demo holder through the real services (once)."""
    holder = User.objects.filter(email=HOLDER).first()
    if holder is None:
        return []
    demo_progress(user=holder)
    transaction.on_commit(_give_badge)  # after the certificate itself is issued on commit
    certificate = holder.certificates.order_by("-pk").first()
    if certificate is None:  # issued when the surrounding transaction commits
        return [(f"{HOLDER} (certificate issued at the end of this load)", "Mentor, track done")]
    return [(f"{HOLDER}, certificate code {certificate.formatted_code}", "Mentor, track done")]


def summary() -> list[str]:
    """After the load has committed (certificates are issued on commit): where to verify one,
    and where its Open Badge is."""
    certificate = Certificate.objects.filter(holder__email__endswith="@example.org").first()
    if certificate is None:
        return []
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + certificate.get_absolute_url()
    badge = f"/certificates/{certificate.pk}/openbadge.json"
    return [
        f"Demo certificate: code {certificate.formatted_code}, {url}",
        f"Its Open Badge (for the holder, signed in): {badge}",
    ]
