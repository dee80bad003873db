"""Writes to credential records and the CE ledger: in transactions, idempotent where a signal or
a retry may repeat them, each leaving a history row with its author and reason."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from credentials import rules
from credentials.choices import ActivityKind, CESource, CEStanding, CETopic, Standing, Verification
from credentials.models import CEEntry, CredentialRecord, CredentialType
from lms.common.changes import note_change

REASON_REQUIRED = "Give a reason: it is kept in the record's history."
ALREADY_REVOKED = "This credential record is revoked; it cannot be changed any more."
ALREADY_CONFIRMED = "This credential record is already confirmed; nothing was changed."
NOT_SUSPENDED = "Only a suspended record can be reinstated."
REASON_HOLDER_ADDED = "Added by the holder."
REASON_HOLDER_UPDATED = "Updated by the holder."
REASON_MODULE_COMPLETED = "Module completed on the platform."

# Changing these fields makes a confirmed record self-reported again.
_VERIFIED_FIELDS = ("credential_type_id", "number", "issue_date", "expiry_date", "evidence")


def _today(now: datetime | None) -> date:
    return rules.local_date(now or timezone.now())


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


@transaction.atomic
def credential_record_save(
    *,
    holder,
    credential_type: CredentialType,
    number: str,
    issue_date: date,
    expiry_date: date | None = None,
    evidence=None,
    evidence_content_type: str = "",
    record: CredentialRecord | None = None,
    by=None,
    reason: str = "",
    now: datetime | None = None,
) -> CredentialRecord:
    """Create or update a holder's record. A missing expiry is one renewal cycle after issue.

    The holder's edits to what a coordinator confirmed make the record self-reported again.
    """
    type_rules = credential_type.rules()
    if expiry_date is None:
        expiry_date = rules.expected_expiry(issue_date, type_rules)
    errors = rules.record_dates_errors(
        issue_date=issue_date, expiry_date=expiry_date, rules=type_rules, today=_today(now)
    )
    if errors:
        raise ValidationError(errors)
    if record is None:
        record = CredentialRecord(holder=holder)
        default_reason = REASON_HOLDER_ADDED
    else:
        if record.standing == Standing.REVOKED:
            raise ValidationError(ALREADY_REVOKED)
        default_reason = REASON_HOLDER_UPDATED
    before = {name: getattr(record, name) for name in _VERIFIED_FIELDS} if record.pk else None
    record.credential_type = credential_type
    record.number = number.strip()
    record.issue_date = issue_date
    record.expiry_date = expiry_date
    if evidence is not None:
        record.evidence_content_type = evidence_content_type
        record.evidence = evidence
    if before is not None and record.verification == Verification.CONFIRMED:
        after = {name: getattr(record, name) for name in _VERIFIED_FIELDS}
        if after != before and (by is None or by == record.holder):
            record.verification = Verification.SELF_REPORTED
            record.confirmed_by = None
            record.confirmed_at = None
    note_change(record, by=by or holder, reason=reason or default_reason)
    record.full_clean(exclude=["evidence"])
    record.save()
    return record


def _set_standing(*, record, by, reason, now, standing: str) -> CredentialRecord:
    reason = _clean_reason(reason)
    with transaction.atomic():
        record = CredentialRecord.objects.select_for_update().get(pk=record.pk)
        if record.standing == Standing.REVOKED:
            raise ValidationError(ALREADY_REVOKED)
        record.standing = standing
        record.standing_reason = reason
        record.standing_changed_by = by
        record.standing_changed_at = now or timezone.now()
        note_change(record, by=by, reason=reason)
        record.save()
    return record


def credential_record_confirm(*, record, by, reason: str, now=None) -> CredentialRecord:
    """A coordinator confirms the record against PCB's register or the evidence."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        record = CredentialRecord.objects.select_for_update().get(pk=record.pk)
        if record.standing == Standing.REVOKED:
            raise ValidationError(ALREADY_REVOKED)
        if record.verification == Verification.CONFIRMED:
            raise ValidationError(ALREADY_CONFIRMED)
        record.verification = Verification.CONFIRMED
        record.confirmed_by = by
        record.confirmed_at = now or timezone.now()
        note_change(record, by=by, reason=reason)
        record.save()
    return record


def credential_record_suspend(*, record, by, reason: str, now=None) -> CredentialRecord:
    """Suspend: the status shows 'suspended' whatever the dates, until reinstated."""
    return _set_standing(record=record, by=by, reason=reason, now=now, standing=Standing.SUSPENDED)


def credential_record_revoke(*, record, by, reason: str, now=None) -> CredentialRecord:
    """Revoke for good: the record cannot be changed afterwards (history keeps it)."""
    return _set_standing(record=record, by=by, reason=reason, now=now, standing=Standing.REVOKED)


def credential_record_reinstate(*, record, by, reason: str, now=None) -> CredentialRecord:
    """Lift a suspension."""
    if record.standing != Standing.SUSPENDED:
        raise ValidationError(NOT_SUSPENDED)
    return _set_standing(record=record, by=by, reason=reason, now=now, standing=Standing.GOOD)


@transaction.atomic
def ce_entry_add_external(
    *,
    holder,
    title: str,
    organization: str,
    date: date,
    hours: Decimal,
    topic: str,
    kind: str,
    certificate=None,
    certificate_content_type: str = "",
    now: datetime | None = None,
) -> CEEntry:
    """Record an external training. Kinds PCB does not count are refused with the reason."""
    errors = {}
    if refusal := rules.ce_kind_refusal(kind):
        errors["kind"] = refusal
    if hours_error := rules.ce_hours_error(Decimal(hours)):
        errors["hours"] = hours_error
    if date_error := rules.ce_date_error(date, today=_today(now)):
        errors["date"] = date_error
    if topic not in CETopic.values:
        errors["topic"] = "Choose general, ethics or confidentiality."
    if errors:
        raise ValidationError(errors)
    entry = CEEntry(
        holder=holder,
        title=title.strip(),
        organization=organization.strip(),
        date=date,
        hours=hours,
        topic=topic,
        kind=kind,
        source=CESource.EXTERNAL,
        certificate_content_type=certificate_content_type,
    )
    if certificate is not None:
        entry.certificate = certificate
    note_change(entry, by=holder, reason=REASON_HOLDER_ADDED)
    entry.save()
    return entry


@transaction.atomic
def ce_entry_delete(*, entry: CEEntry, by) -> None:
    """The holder removes an external entry they added (platform entries stay)."""
    if entry.source != CESource.EXTERNAL or entry.holder_id != by.pk:
        raise ValidationError("Only the person who added an external entry can remove it.")
    note_change(entry, by=by, reason="Removed by the holder.")
    certificate = entry.certificate
    entry.delete()
    if certificate and certificate.name:
        name = certificate.name
        transaction.on_commit(lambda: certificate.storage.delete(name))


@transaction.atomic
def ce_entry_set_claimed(*, entry: CEEntry, claimed: bool, by) -> CEEntry:
    """The holder counts an entry in the hours they claim from PCB, or leaves it out (for
    example program training that is not PCB-approved). Kept in the entry's history."""
    if entry.holder_id != by.pk:
        raise ValidationError("Only the holder can change what they claim.")
    if entry.claimed == claimed:
        return entry
    entry.claimed = claimed
    note_change(
        entry,
        by=by,
        reason="Counted in the holder's claim." if claimed else "Left out of the holder's claim.",
    )
    entry.save(update_fields=["claimed"])
    return entry


def ce_entry_record_module_completion(
    *, user, module, hours: Decimal, ce_topic: str, completed_at: datetime, pcb_approved: bool
) -> CEEntry:
    """Add the CE entry for a completed platform module, once per person and module, with its
    standing: PCB-approved when the module's track had a PCB approval record that day, otherwise
    program training (not PCB-approved).

    Safe to call again (a repeated or concurrent signal finds the existing entry).
    """
    topic = ce_topic if ce_topic in CETopic.values else CETopic.GENERAL
    defaults = {
        "title": module.title,
        "organization": settings.PROGRAM_NAME,
        "date": rules.local_date(completed_at),
        "hours": min(max(Decimal(hours), Decimal("0.01")), rules.MAX_HOURS_PER_ENTRY),
        "topic": topic,
        "kind": ActivityKind.ONLINE_COURSE,
        "source": CESource.PLATFORM_MODULE,
        "standing": CEStanding.PCB_APPROVED if pcb_approved else CEStanding.PROGRAM_TRAINING,
    }
    existing = CEEntry.objects.filter(holder=user, module_id=module.pk).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            entry = CEEntry(holder=user, module_id=module.pk, **defaults)
            note_change(entry, by=user, reason=REASON_MODULE_COMPLETED)
            entry.save()
            return entry
    except IntegrityError:
        return CEEntry.objects.get(holder=user, module_id=module.pk)
