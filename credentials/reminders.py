"""The daily reminder sweep: record what fell due, send it, report it to the coordinators.

Exactly-once comes from the database, not from the clock (docs/decisions/0011):
- each reminder is a ReminderSend row, unique per credential, kind and expiry date, inserted with
  bulk_create(ignore_conflicts=True); a run sees everything that fell due in the last
  REMINDER_CATCH_UP_DAYS days, so a missed day is caught up and a second run adds nothing;
- sending claims rows with one UPDATE (a claim token), so two concurrent runs never send the same
  row; a failed send is marked FAILED and claimed again by the next run.
The number of queries does not grow with the number of credentials: every step is one bulk
query (bulk inserts are split only by the database's parameter limit).
"""

import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from icalendar import Calendar, Event

from credentials import rules
from credentials.choices import ReminderKind, SendStatus, Standing
from credentials.models import (
    CEEntry,
    CoordinatorDigest,
    CredentialRecord,
    CredentialType,
    DigestSend,
    MissingFileReport,
    ReminderSend,
)
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.changes import note_change

# A claim older than this is taken to be from a run that died; its rows are sent again.
CLAIM_TIMEOUT = timedelta(minutes=30)
# Words that must never appear in a reminder's subject or body (someone else may see them).
FORBIDDEN_WORDS = ("recovery", "addiction", "treatment")
# The most urgent kind decides the subject when several fall due together.
URGENCY: list[ReminderKind] = [
    ReminderKind.EXPIRED,
    ReminderKind.DAYS_7,
    ReminderKind.DAYS_30,
    ReminderKind.DAYS_60,
    ReminderKind.WINDOW_OPEN,
    ReminderKind.DAYS_90,
]
OPEN_STATUSES = [SendStatus.PENDING, SendStatus.FAILED]


@dataclass
class SweepResult:
    today: date
    due: int = 0
    superseded: int = 0
    sent: int = 0
    failed: int = 0
    messages: int = 0
    digests_sent: int = 0
    digests_failed: int = 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return data


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"


def _claimable(now: datetime) -> Q:
    return Q(status__in=OPEN_STATUSES) | Q(
        status=SendStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )


def _claim(model, now: datetime) -> str:
    """Claim every open row of `model` for this run with one UPDATE; return the token."""
    token = uuid.uuid4().hex
    model.objects.filter(_claimable(now)).update(
        status=SendStatus.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1
    )
    return token


def _deliver(messages: list[tuple[list, EmailMessage]]) -> list[tuple[list, str]]:
    """Send each message on one connection; return (rows, error) for those that failed."""
    failures: list[tuple[list, str]] = []
    if not messages:
        return failures
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:  # any transport error: recorded, retried next run
        return [(rows, f"{type(error).__name__}: {error}") for rows, _ in messages]
    try:
        for rows, message in messages:
            try:
                connection.send_messages([message])
            except Exception as error:
                failures.append((rows, f"{type(error).__name__}: {error}"))
    finally:
        connection.close()
    return failures


def _settle(model, token: str, failures: list[tuple[list, str]], now: datetime) -> tuple[int, int]:
    """Mark this run's failures FAILED (with the error), and everything else claimed SENT."""
    failed_rows = []
    for rows, error in failures:
        for row in rows:
            row.status = SendStatus.FAILED
            row.last_error = error[:2000]
            failed_rows.append(row)
    if failed_rows:
        model.objects.bulk_update(failed_rows, ["status", "last_error"])
    sent = model.objects.filter(claim_token=token, status=SendStatus.SENDING).update(
        status=SendStatus.SENT, sent_at=now, last_error=""
    )
    return sent, len(failed_rows)


# ----------------------------------------------------------------------------- messages


def _my_credentials_url() -> str:
    return _site_url(reverse("credentials:mine"))


def expiry_calendar(*, record: CredentialRecord, now: datetime, url: str | None = None) -> bytes:
    """An .ics file with an all-day event on the expiry date (neutral wording)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Peer Mentor LMS//Credential reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"credential-{record.pk}-{record.expiry_date:%Y%m%d}@{_mail_domain()}")
    event.add("dtstamp", now)
    event.add("dtstart", record.expiry_date)
    event.add("dtend", record.expiry_date + rules.ONE_DAY)
    event.add("summary", "Credential expires")
    event.add(
        "description",
        f"Credential {record.number} is valid through the end of this day (New York time). "
        f"Details: {url or _my_credentials_url()}",
    )
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    return calendar.to_ical()


def reminder_subject(kinds: list[str], expiry_date: date) -> str:
    when = rules.date_in_words(expiry_date)
    kind = min((ReminderKind(k) for k in kinds), key=URGENCY.index)
    if kind == ReminderKind.EXPIRED:
        return f"Your credential expired on {when}"
    if kind == ReminderKind.WINDOW_OPEN:
        return f"Your credential can now be renewed (expires {when})"
    return f"Reminder: your credential expires on {when}"


def build_reminder_message(
    *,
    record: CredentialRecord,
    kinds: list[str],
    progress: rules.CEProgress,
    type_rules: rules.TypeRules,
    today: date,
    now: datetime,
    message_key: str,
    url: str | None = None,
) -> EmailMessage:
    """One email to the holder about one credential, with the expiry as an .ics event."""
    url = url or _my_credentials_url()
    context = {
        "first_name": record.holder.first_name,
        "record": record,
        "kinds": kinds,
        "expired": record.expiry_date < today,
        "expiry": rules.date_in_words(record.expiry_date),
        "window_opens": rules.date_in_words(
            rules.renewal_window_opens_on(record.expiry_date, type_rules)
        ),
        "window_open": rules.renewal_window_opens_on(record.expiry_date, type_rules) <= today,
        "grace_ends": rules.date_in_words(rules.grace_ends_on(record.expiry_date, type_rules)),
        "days_left": (record.expiry_date - today).days,
        "progress": progress,
        "total": rules.hours_in_words(progress.total),
        "required_total": rules.hours_in_words(progress.required_total),
        "url": url,
    }
    message = EmailMessage(
        subject=reminder_subject(kinds, record.expiry_date),
        body=render_to_string("credentials/email/reminder.txt", context),
        to=[record.holder.email],
        headers={"Message-ID": f"<credential-reminder-{message_key}@{_mail_domain()}>"},
    )
    message.attach(
        "credential-expiry.ics", expiry_calendar(record=record, now=now, url=url), "text/calendar"
    )
    return message


def build_digest_message(
    *, digest: CoordinatorDigest, recipient, items, missing_files=()
) -> EmailMessage:
    """A coordinator's summary of the reminders in one digest, and of the files found missing."""
    by_kind = defaultdict(list)
    for item in sorted(items, key=lambda row: (row.record.expiry_date, row.record_id)):
        by_kind[ReminderKind(item.kind)].append(item)
    groups = [(kind.label, by_kind[kind]) for kind in URGENCY if by_kind.get(kind)]
    # Only what was delivered counts as sent; a failed reminder is retried by the next run.
    count = sum(1 for item in items if item.status == SendStatus.SENT)
    failed = len(items) - count
    not_delivered = f", {failed} not delivered" if failed else ""
    missing_files = list(missing_files)
    missing = (
        f", {len(missing_files)} file{'s' if len(missing_files) != 1 else ''} missing"
        if missing_files
        else ""
    )
    return EmailMessage(
        subject=(
            f"Credential reminders: {count} sent{not_delivered}{missing} on "
            f"{rules.date_in_words(digest.created_on)}"
        ),
        body=render_to_string(
            "credentials/email/digest.txt",
            {
                "recipient": recipient,
                "digest": digest,
                "groups": groups,
                "count": count,
                "failed": failed,
                "admin_url": _site_url("/admin/credentials/records/"),
                "missing_files": missing_files,
                "certificates_url": _site_url("/admin/certificates/"),
            },
        ),
        to=[recipient.email],
        headers={"Message-ID": f"<credential-digest-{digest.pk}-{recipient.pk}@{_mail_domain()}>"},
    )


# ----------------------------------------------------------------------------- the sweep


def _record_due(types: dict[int, rules.TypeRules], today: date) -> int:
    """Insert a ReminderSend for every reminder due in the catch-up window (existing rows stay)."""
    since = today - timedelta(days=rules.REMINDER_CATCH_UP_DAYS)
    condition = Q(pk__in=[])
    for type_id, type_rules in types.items():
        for kind in ReminderKind:
            lo, hi = rules.expiry_range_for_reminder(kind, type_rules, since=since, until=today)
            if lo <= hi:
                condition |= Q(credential_type_id=type_id, expiry_date__gte=lo, expiry_date__lte=hi)
    candidates = (
        CredentialRecord.objects.in_good_standing()
        .filter(condition, holder__is_active=True)
        .values_list("pk", "credential_type_id", "expiry_date")
    )
    rows = []
    for pk, type_id, expiry_date in candidates.iterator(chunk_size=5000):
        type_rules = types[type_id]
        for kind in rules.reminders_due(expiry_date, type_rules, since=since, until=today):
            rows.append(
                ReminderSend(
                    record_id=pk,
                    kind=kind,
                    expiry_date=expiry_date,
                    due_on=rules.reminder_due_on(kind, expiry_date, type_rules),
                    created_on=today,
                )
            )
    ReminderSend.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _supersede(today: date) -> int:
    """Open reminders that no longer apply: the record was renewed (new expiry), suspended,
    revoked or its holder deactivated; or the expiry passed (the on-expiry reminder says so)."""
    stale = (
        ~Q(record__expiry_date=F("expiry_date"))
        | ~Q(record__standing=Standing.GOOD)
        | Q(record__holder__is_active=False)
        | (Q(expiry_date__lt=today) & ~Q(kind=ReminderKind.EXPIRED))
    )
    return (
        ReminderSend.objects.filter(status__in=OPEN_STATUSES)
        .filter(stale)
        .update(status=SendStatus.SUPERSEDED)
    )


def _send_reminders(types, today: date, now: datetime, result: SweepResult) -> None:
    token = _claim(ReminderSend, now)
    claimed = list(
        ReminderSend.objects.filter(claim_token=token, status=SendStatus.SENDING)
        .select_related("record__holder", "record__credential_type")
        .order_by("record_id", "pk")
    )
    if not claimed:
        return
    ledger = defaultdict(list)
    holders = ReminderSend.objects.filter(claim_token=token).values("record__holder_id")
    for holder_id, day, hours, topic in CEEntry.objects.filter(holder_id__in=holders).values_list(
        "holder_id", "date", "hours", "topic"
    ):
        ledger[holder_id].append(rules.CEItem(date=day, hours=hours, topic=topic))
    by_record = defaultdict(list)
    for row in claimed:
        by_record[row.record_id].append(row)
    messages = []
    url = _my_credentials_url()
    for rows in by_record.values():
        record = rows[0].record
        type_rules = types.get(record.credential_type_id) or record.credential_type.rules()
        progress = rules.ce_progress(
            ledger[record.holder_id], expiry_date=record.expiry_date, rules=type_rules, today=today
        )
        message = build_reminder_message(
            record=record,
            kinds=[row.kind for row in rows],
            progress=progress,
            type_rules=type_rules,
            today=today,
            now=now,
            message_key=f"{record.pk}-{min(row.pk for row in rows)}",
            url=url,
        )
        messages.append((rows, message))
    failures = _deliver(messages)
    result.messages += len(messages) - len(failures)
    sent, failed = _settle(ReminderSend, token, failures, now)
    result.sent += sent
    result.failed += failed


def _coordinators():
    return User.objects.filter(groups__name=Role.COORDINATOR, is_active=True).distinct()


def missing_file_record(*, name: str, label: str, path: str = "", now=None) -> None:
    """Report a private file missing from storage to the coordinators' next digest: one open
    report per file, however many times it is asked for."""
    now = now or timezone.now()
    label, path = label[:200], path[:255]
    open_report = MissingFileReport.objects.filter(name=name, digest__isnull=True)
    if open_report.update(last_seen_at=now, times=F("times") + 1, restored_at=None):
        return
    try:
        with transaction.atomic():
            MissingFileReport.objects.create(
                name=name, label=label, path=path, first_seen_at=now, last_seen_at=now
            )
    except IntegrityError:  # a concurrent request reported it first
        open_report.update(last_seen_at=now, times=F("times") + 1)


def missing_file_restored(*, name: str, now=None) -> None:
    """The file is back (regenerated): the open report says so in the digest."""
    MissingFileReport.objects.filter(name=name, digest__isnull=True).update(
        restored_at=now or timezone.now()
    )


def _open_digest(today: date, now: datetime) -> None:
    """Gather the reminders and missing files not yet reported into a new digest, one copy per
    coordinator."""
    undigested = ReminderSend.objects.filter(
        digest__isnull=True, status__in=[SendStatus.SENT, SendStatus.FAILED]
    )
    missing = MissingFileReport.objects.filter(digest__isnull=True)
    if not (undigested.exists() or missing.exists()):
        return
    digest = CoordinatorDigest.objects.create(created_at=now, created_on=today)
    if not (undigested.update(digest=digest) + missing.update(digest=digest)):
        digest.delete()  # a concurrent run took them
        return
    DigestSend.objects.bulk_create(
        [DigestSend(digest=digest, recipient=user) for user in _coordinators()],
        ignore_conflicts=True,
    )


def _send_digests(today: date, now: datetime, result: SweepResult) -> None:
    _open_digest(today, now)
    token = _claim(DigestSend, now)
    claimed = list(
        DigestSend.objects.filter(claim_token=token, status=SendStatus.SENDING).select_related(
            "digest", "recipient"
        )
    )
    if not claimed:
        return
    items = defaultdict(list)
    digest_ids = {send.digest_id for send in claimed}
    for row in ReminderSend.objects.filter(digest_id__in=digest_ids).select_related(
        "record__holder", "record__credential_type"
    ):
        items[row.digest_id].append(row)
    missing_files = defaultdict(list)
    for report in MissingFileReport.objects.filter(digest_id__in=digest_ids):
        missing_files[report.digest_id].append(report)
    messages = [
        (
            [send],
            build_digest_message(
                digest=send.digest,
                recipient=send.recipient,
                items=items[send.digest_id],
                missing_files=missing_files[send.digest_id],
            ),
        )
        for send in claimed
    ]
    failures = _deliver(messages)
    sent, failed = _settle(DigestSend, token, failures, now)
    result.digests_sent += sent
    result.digests_failed += failed


def credential_reminders_sweep(
    *, today: date | None = None, now: datetime | None = None
) -> SweepResult:
    """Record, send and report every credential reminder due up to `today` (New York date).

    Safe to run any number of times a day, and after missed days.
    """
    now = now or timezone.now()
    today = today or rules.local_date(now)
    result = SweepResult(today=today)
    types = CredentialType.objects.rules_by_id()
    result.due = _record_due(types, today)
    result.superseded = _supersede(today)
    _send_reminders(types, today, now, result)
    _send_digests(today, now, result)
    return result


# --- A reminder now, sent by a coordinator ---------------------------------------------------

REMINDER_NOT_SENT = "Not sent: the record is revoked, or its holder's account is closed."
REMINDER_SENT_NOTE = "Reminder mailed to the holder now, by a coordinator"


def reminder_kind_on(*, expiry_date: date, type_rules: rules.TypeRules, today: date) -> str:
    """The reminder that fits the record on `today`: expired, window open, or the nearest of
    the days-before reminders."""
    if expiry_date < today:
        return ReminderKind.EXPIRED
    if rules.renewal_window_opens_on(expiry_date, type_rules) <= today:
        return ReminderKind.WINDOW_OPEN
    days = (expiry_date - today).days
    for kind, limit in (
        (ReminderKind.DAYS_7, 7),
        (ReminderKind.DAYS_30, 30),
        (ReminderKind.DAYS_60, 60),
    ):
        if days <= limit:
            return kind
    return ReminderKind.DAYS_90


def credential_reminder_send_now(
    *, record: CredentialRecord, by: User, today: date | None = None, now: datetime | None = None
) -> None:
    """Mail the holder the reminder that fits their record today, now, outside the schedule (the
    sweep's own sends are not touched, so it still sends its reminders on their days); the
    record's history notes who sent it. Refused (ValidationError) for a revoked record or a
    closed account."""
    now = now or timezone.now()
    today = today or rules.local_date(now)
    record = CredentialRecord.objects.select_related("holder", "credential_type").get(pk=record.pk)
    if record.standing == Standing.REVOKED or not record.holder.is_active:
        raise ValidationError(REMINDER_NOT_SENT)
    type_rules = record.credential_type.rules()
    items = [
        rules.CEItem(date=day, hours=hours, topic=topic)
        for day, hours, topic in CEEntry.objects.filter(holder_id=record.holder_id).values_list(
            "date", "hours", "topic"
        )
    ]
    progress = rules.ce_progress(
        items, expiry_date=record.expiry_date, rules=type_rules, today=today
    )
    build_reminder_message(
        record=record,
        kinds=[
            reminder_kind_on(expiry_date=record.expiry_date, type_rules=type_rules, today=today)
        ],
        progress=progress,
        type_rules=type_rules,
        today=today,
        now=now,
        message_key=f"{record.pk}-now-{uuid.uuid4().hex[:12]}",
    ).send()
    note_change(record, by=by, reason=REMINDER_SENT_NOTE)
    record.save()
