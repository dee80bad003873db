"""Certificate writes: issue (once), render, revoke, reissue, consent and the printed name."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from credentials.certificates import caching, codes
from credentials.certificates.tasks import render_certificate
from credentials.models.certificates import Certificate, CertificateName, RevocationCategory
from credentials.rules import add_months, local_date
from lms.common.changes import note_change
from lms.training.selectors import evaluation_outstanding

REASON_REQUIRED = "Give a reason (at least 5 characters)."
CATEGORY_UNKNOWN = "Choose one of the listed reasons."
NAME_REQUIRED = "Enter the name as it should be printed."
NAME_TOO_LONG = "A printed name can be at most 500 characters."
ALREADY_REVOKED = "This certificate is already revoked."
NOT_CURRENT = "Only a current certificate can be reissued."
EVALUATION_PENDING = (
    "The certificate is issued once the learner has sent the training's evaluation."
)


def _forget_public_answer(certificate: Certificate) -> None:
    """No app server serves the old cached verification page: forgotten now, and again once
    committed, so a request racing the commit cannot keep it (caching)."""
    token = certificate.token
    caching.verification_forget(token)
    transaction.on_commit(lambda: caching.verification_forget(token))


def printed_name_for(user) -> str:
    chosen = CertificateName.objects.filter(user=user).values_list("name", flat=True).first()
    return chosen or user.get_full_name() or user.email.split("@")[0]


def _new_certificate(**fields) -> Certificate:
    """Create with fresh random identifiers; a (vanishingly rare) clash just draws again."""
    for _ in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    token=codes.new_token(), code=codes.new_code(), **fields
                )
        except IntegrityError:
            existing = Certificate.objects.filter(
                holder=fields["holder"],
                track=fields["track"],
                track_version=fields["track_version"],
                superseded_at__isnull=True,
                revoked_at__isnull=True,
            ).first()
            if existing is not None:
                return existing
    raise RuntimeError("could not draw unique certificate identifiers")  # internal only


def certificate_issue(*, user, track, completion=None, now=None) -> Certificate:
    """Issue the certificate for a completed track, once per learner and track version.

    Idempotent: a second call (or a concurrent one) returns the certificate already issued.
    The PDF is rendered afterwards by a background task. Refused (ValidationError,
    EVALUATION_PENDING) while the completion waits for the learner's evaluation.
    """
    now = now or timezone.now()
    if completion is not None and evaluation_outstanding(completion=completion):
        raise ValidationError(EVALUATION_PENDING, code="evaluation_pending")
    version = (
        getattr(completion, "track_revision_id", None)
        or track.live_revision_id
        or track.latest_revision_id
        or 0
    )
    existing = Certificate.objects.filter(
        holder=user,
        track=track,
        track_version=version,
        superseded_at__isnull=True,
        revoked_at__isnull=True,
    ).first()
    if existing is not None:
        return existing
    issued_on = local_date(now)
    certificate = _new_certificate(
        holder=user,
        track=track,
        track_version=version,
        completion=completion,
        module_revisions=getattr(completion, "module_revisions", {}) or {},
        title=track.certificate_title or track.title,
        holder_name=printed_name_for(user),
        hours=getattr(completion, "hours", None) or 0,
        issued_on=issued_on,
        expires_on=add_months(issued_on, track.certificate_months)
        if track.certificate_months
        else None,
        pcb_approved_hours=track.pcb_approved_hours,
        pcb_approved_title=track.pcb_approved_title,
    )
    _render_later(certificate)
    return certificate


def _render_later(certificate: Certificate) -> None:
    transaction.on_commit(lambda: render_certificate.enqueue(certificate.pk))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str, category: str, now=None):
    """Revoke with an internal reason and a public category; the certificate stays."""
    if category not in RevocationCategory.values:
        raise ValidationError({"category": CATEGORY_UNKNOWN})
    reason = _reason(reason)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        raise ValidationError(ALREADY_REVOKED)
    certificate.revoked_at = now or timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.revocation_category = category
    note_change(certificate, reason=reason)
    certificate.save()
    _forget_public_answer(certificate)
    return certificate


def _clean_name(name: str, *, field: str = "holder_name") -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({field: NAME_REQUIRED})
    if len(name) > 500:
        raise ValidationError({field: NAME_TOO_LONG})
    return name


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by, holder_name: str, reason: str, now=None):
    """Issue a replacement (after a name change, say); the old one then says "superseded"."""
    now = now or timezone.now()
    reason = _reason(reason)
    holder_name = _clean_name(holder_name)
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.revoked_at or old.superseded_at:
        raise ValidationError(NOT_CURRENT)
    old.superseded_at = now
    note_change(old, reason=reason)
    old.save(update_fields=["superseded_at"])
    new = _new_certificate(
        holder=old.holder,
        track=old.track,
        track_version=old.track_version,
        completion=old.completion,
        module_revisions=old.module_revisions,
        title=old.title,
        holder_name=holder_name,
        hours=old.hours,
        issued_on=local_date(now),
        expires_on=old.expires_on,
        pcb_approved_hours=old.pcb_approved_hours,
        pcb_approved_title=old.pcb_approved_title,
        public_verification=old.public_verification,
    )
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    _forget_public_answer(old)
    _render_later(new)
    return new


def certificate_set_public(*, certificate: Certificate, public: bool) -> Certificate:
    """The holder's consent to public verification, on or off."""
    certificate.public_verification = public
    note_change(
        certificate, reason="holder turned public verification " + ("on" if public else "off")
    )
    certificate.save(update_fields=["public_verification"])
    _forget_public_answer(certificate)
    return certificate


def certificate_name_set(*, user, name: str) -> CertificateName:
    """The name to print on certificates issued from now on; issued ones never change."""
    name = _clean_name(name, field="name")
    record, _ = CertificateName.objects.update_or_create(user=user, defaults={"name": name})
    return record
