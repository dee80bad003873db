"""Certificate reads: lookups by token or code, and the public verification answer."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from credentials.certificates import codes
from credentials.models.certificates import Certificate, CertificateStatus, VerificationAttempt
from credentials.rules import local_date
from lms.accounts.roles import Role, user_has_role
from lms.training.selectors import training_role_access

LOOKUPS_PER_MINUTE = 20


def certificate_by_token(token: str) -> Certificate | None:
    if not codes.is_token(token):
        return None
    return Certificate.objects.filter(token=token).first()


def certificate_by_code(typed: str) -> Certificate | None:
    code = codes.normalise_code(typed)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_by_pdf(data: bytes) -> Certificate | None:
    digest = hashlib.sha256(data).hexdigest()
    return Certificate.objects.filter(pdf_sha256=digest).first()


def certificate_for_download(*, pk: int, user) -> Certificate | None:
    """The certificate `pk` if `user` may download it (its holder, or a coordinator), else None.

    "Not yours" and "does not exist" are one answer, so an id tells nothing about others.
    """
    certificates = Certificate.objects.filter(pk=pk).select_related("holder", "track")
    if not user_has_role(user, Role.COORDINATOR):
        certificates = certificates.filter(holder_id=user.pk)
    return certificates.first()


def certificates_page_open_to(user) -> bool:
    """Whether the holder's certificate page is for this user: the roles that take the training
    (certificates are issued for a completed track) and anyone who already holds one."""
    return (
        training_role_access(user).allowed or Certificate.objects.filter(holder_id=user.pk).exists()
    )


def unrevoked_certificate_holder_ids(*, user_ids, today) -> set[int]:
    """Mentor-eligibility provider (settings.MENTOR_ELIGIBILITY_PROVIDERS): the ids among
    user_ids holding a training certificate issued by `today` that is neither revoked nor
    replaced (a reissued certificate's replacement decides). A revocation counts at once."""
    return set(
        Certificate.objects.filter(
            holder_id__in=list(user_ids),
            issued_on__lte=today,
            revoked_at__isnull=True,
            superseded_at__isnull=True,
        ).values_list("holder_id", flat=True)
    )


def verification_answer(certificate: Certificate, *, now=None) -> dict:
    """What anyone may see: only what the holder agreed to show, and the status."""
    now = now or timezone.now()
    if not certificate.public_verification:
        return {"status": CertificateStatus.NOT_AVAILABLE, "checked_at": now.isoformat()}
    answer = {
        "status": certificate.status_on(local_date(now)),
        "holder_name": certificate.holder_name,
        "title": certificate.title,
        "issuer": _issuer(),
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "hours": str(certificate.hours.normalize()),
        "checked_at": now.isoformat(),
    }
    if certificate.revoked_at:
        answer["revocation_category"] = certificate.get_revocation_category_display()
    return answer


def _issuer() -> str:
    from content.models import ProgramSettings

    return ProgramSettings.program_name()


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to rate-limit, useless to anyone else."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def lookup_allowed(*, client: str, now=None) -> tuple[bool, int]:
    """Record one lookup for the client; (allowed, seconds to wait) under LOOKUPS_PER_MINUTE."""
    now = now or timezone.now()
    window_start = now - timedelta(seconds=60)
    recent = list(
        VerificationAttempt.objects.filter(client=client, at__gt=window_start)
        .order_by("at")
        .values_list("at", flat=True)[:LOOKUPS_PER_MINUTE]
    )
    if len(recent) >= LOOKUPS_PER_MINUTE:
        wait = int((recent[0] - window_start).total_seconds()) + 1
        return False, max(wait, 1)
    VerificationAttempt.objects.create(client=client, at=now)
    VerificationAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    return True, 0
