"""Open Badges reads: our URLs, the facts of a certificate, the published keys, status bits."""

import hashlib
import hmac

from django.conf import settings

from credentials.certificates import pdf
from credentials.certificates.openbadges import builder, keys, statuslist
from credentials.models.certificates import Certificate


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def issuer() -> builder.Issuer:
    from content.models import ProgrammeSettings

    return builder.Issuer(
        id=f"{base_url()}/openbadges/issuer",
        name=ProgrammeSettings.programme_name(),
        url=f"{base_url()}/",
    )


def jwks_url() -> str:
    return f"{base_url()}/.well-known/jwks.json"


def key_url(kid: str) -> str:
    """The JWT `kid` and the proof's `verificationMethod`: a URL that serves the public key."""
    return f"{base_url()}/openbadges/keys/{kid}"


def credential_url(token: str) -> str:
    return f"{base_url()}/openbadges/credentials/{token}"


def status_list_number(index: int) -> int:
    return index // statuslist.LIST_SIZE + 1


def status_list_url(number: int) -> str:
    return f"{base_url()}/openbadges/status/{number}"


def published_key_urls() -> dict[str, bytes]:
    """Every published key (active and retired) by its URL, as verification wants it."""
    return {key_url(key.kid): key.raw for key in keys.published_keys()}


def recipient_salt(certificate: Certificate) -> str:
    """A salt of the certificate's own, stable across downloads (so the badge is too)."""
    return hmac.new(
        b"openbadges-recipient-salt", certificate.token.encode(), hashlib.sha256
    ).hexdigest()[:32]


def _achievement_id(certificate: Certificate) -> str:
    parts = certificate.track.get_url_parts()
    path = parts[2] if parts else f"/training/{certificate.track.slug}/"
    return f"{base_url()}{path}"


def _criteria(certificate: Certificate) -> str:
    from lms.models import ModulePage, QuizPage

    modules = ModulePage.objects.child_of(certificate.track).live().order_by("path")
    completed = set(certificate.module_revisions or {})
    if completed:
        modules = [module for module in modules if str(module.pk) in completed] or list(modules)
    rows = []
    for module in modules:
        quiz = QuizPage.objects.child_of(module).live().first()
        rows.append((module.title, quiz.pass_mark if quiz else 80))
    return builder.criteria_narrative(
        track_title=certificate.track.title, modules=rows, hours=certificate.hours
    )


def badge_facts(certificate: Certificate) -> builder.BadgeFacts:
    """The certificate as plain facts; it must already have its status index."""
    index = certificate.openbadge_status_index
    if index is None:
        raise ValueError("allocate the status index first")
    return builder.BadgeFacts(
        credential_id=credential_url(certificate.token),
        issuer=issuer(),
        achievement_id=_achievement_id(certificate),
        title=certificate.title,
        track_title=certificate.track.title,
        track_version=certificate.track_version,
        criteria=_criteria(certificate),
        hours=certificate.hours,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        email=certificate.holder.email,
        salt=recipient_salt(certificate),
        verification_url=pdf.verification_url(certificate.token),
        status_list_url=status_list_url(status_list_number(index)),
        status_index=index,
        pcb_approved_hours=certificate.pcb_approved_hours,
        pcb_approved_title=certificate.pcb_approved_title,
    )


def revoked_indices(number: int) -> list[int]:
    """The set bits of status list `number`: revoked certificates that have a badge index."""
    start = (number - 1) * statuslist.LIST_SIZE
    return sorted(
        index - start
        for index in Certificate.objects.filter(
            openbadge_status_index__gte=start,
            openbadge_status_index__lt=start + statuslist.LIST_SIZE,
            revoked_at__isnull=False,
        ).values_list("openbadge_status_index", flat=True)
    )


def status_bit(list_url: str, index: int) -> bool | None:
    """Whether bit `index` of our list at `list_url` is set; None if it is not our list."""
    prefix = f"{base_url()}/openbadges/status/"
    if not isinstance(list_url, str) or not list_url.startswith(prefix):
        return None
    try:
        number = int(list_url.removeprefix(prefix))
    except ValueError:
        return None
    if number < 1 or not 0 <= index < statuslist.LIST_SIZE:
        return None
    return index in set(revoked_indices(number))


def certificate_by_credential_id(credential_id: str) -> Certificate | None:
    from credentials.certificates.selectors import certificate_by_token

    prefix = f"{base_url()}/openbadges/credentials/"
    if not isinstance(credential_id, str) or not credential_id.startswith(prefix):
        return None
    return certificate_by_token(credential_id.removeprefix(prefix))
