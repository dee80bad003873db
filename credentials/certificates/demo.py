"""Demo certificate: one demo mentor has completed the track (development only)."""

from lms.demo import demo_progress
from lms.models import QuizPage, User

HOLDER = "alex.mentor@example.org"


def load(*, password: str) -> list[tuple[str, str]]:
    """Complete the track for the demo holder through the real services (once)."""
    holder = User.objects.filter(email=HOLDER).first()
    if holder is None:
        return []
    demo_progress(user=holder, passed=QuizPage.objects.live().count(), failed=0)
    certificate = holder.certificates.order_by("-pk").first()
    if certificate is None:  # issued when the surrounding transaction commits
        return [(f"{HOLDER} (certificate issued at the end of this load)", "Mentor, track done")]
    return [(f"{HOLDER}, certificate code {certificate.formatted_code}", "Mentor, track done")]
