"""Demo certificate: one demo mentor has completed the track (development only)."""

from django.conf import settings

from credentials.models.certificates import Certificate
from lms.accounts.models import User
from lms.training.demo import demo_progress

HOLDER = "alex.mentor@example.org"


def load(*, password: str) -> list[tuple[str, str]]:
    """Complete the track for the demo holder through the real services (once)."""
    holder = User.objects.filter(email=HOLDER).first()
    if holder is None:
        return []
    demo_progress(user=holder)
    certificate = holder.certificates.order_by("-pk").first()
    if certificate is None:  # issued when the surrounding transaction commits
        return [(f"{HOLDER} (certificate issued at the end of this load)", "Mentor, track done")]
    return [(f"{HOLDER}, certificate code {certificate.formatted_code}", "Mentor, track done")]


def summary() -> list[str]:
    """After the load has committed (certificates are issued on commit): where to verify one."""
    certificate = Certificate.objects.filter(holder__email__endswith="@example.org").first()
    if certificate is None:
        return []
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + certificate.get_absolute_url()
    return [f"Demo certificate: code {certificate.formatted_code}, {url}"]
