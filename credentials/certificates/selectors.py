"""Certificate reads: lookups by token or code, and the public verification answer."""

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from credentials.certificates import caching, codes
from credentials.models.certificates import Certificate, CertificateStatus
from credentials.rules import local_date
from lms.accounts.roles import Role, user_has_role
from lms.ops.client_ip import client_ip
from lms.ops.ratelimit import rate_limit_hit
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
    """The certificate this PDF is, byte for byte: its first file, or one made again after the
    first went missing (CertificatePdfHash)."""
    digest = hashlib.sha256(data).hexdigest()
    return (
        Certificate.objects.filter(pdf_sha256=digest).first()
        or Certificate.objects.filter(pdf_hashes__sha256=digest).first()
    )


def certificate_for_download(*, pk: int, user) -> Certificate | None:
    """The certificate `pk` if `user` may download it (its holder, or a coordinator), else None.

    "Not yours" and "does not exist" are one answer, so an id tells nothing about others.
    """
    certificates = Certificate.objects.filter(pk=pk).select_related("holder", "track")
    if not user_has_role(user, Role.COORDINATOR):
        certificates = certificates.filter(holder_id=user.pk)
    return certificates.first()


def certificate_pdf_for_download(*, pk: int, user) -> Certificate | None:
    """As certificate_for_download, reading only what sending the stored PDF needs (the hot
    path of a download: one narrow row, no joins, from the shared cache when there is one)."""
    certificate = _download_row(pk)
    if certificate is None:
        return None
    if certificate.holder_id != user.pk and not user_has_role(user, Role.COORDINATOR):
        return None
    return certificate


def _download_row(pk: int) -> Certificate | None:
    def from_database() -> Certificate | None:
        return (
            Certificate.objects.filter(pk=pk)
            .only("pk", "holder_id", "code", "pdf", "pdf_sha256")
            .first()
        )

    if not settings.CACHE_SHARED:
        return from_database()
    version, row = caching.download_row_cached(pk)
    if row is None:
        row = from_database()
        caching.download_row_store(pk, version, row)
    return row if isinstance(row, Certificate) else None  # caching.NONE: no such id


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
    """A keyed hash of the client's address (behind the trusted proxies): enough to rate-limit,
    useless to anyone else."""
    address = client_ip(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def lookup_allowed(*, client: str) -> tuple[bool, int]:
    """Count one lookup for the client; (allowed, seconds to wait) under LOOKUPS_PER_MINUTE.

    Counted in the shared cache, atomically: of any number of parallel lookups, exactly
    LOOKUPS_PER_MINUTE pass in a minute.
    """
    return rate_limit_hit(key=f"verify:{client}", limit=LOOKUPS_PER_MINUTE, window_seconds=60)
