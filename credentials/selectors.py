"""Reads for the credential pages, the admin and the audit packet."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from credentials import rules
from credentials.choices import CETopic, CredentialStatus, Verification
from credentials.models import CEEntry, CredentialRecord
from lms.common import charts

STATUS_BADGE = {
    CredentialStatus.ACTIVE: "ok",
    CredentialStatus.EXPIRING_SOON: "warn",
    CredentialStatus.RENEWAL_WINDOW_OPEN: "warn",
    CredentialStatus.EXPIRED_IN_GRACE: "bad",
    CredentialStatus.LAPSED: "bad",
    CredentialStatus.SUSPENDED: "bad",
    CredentialStatus.REVOKED: "bad",
}


def today_in_program(*, now: datetime | None = None) -> date:
    """Today's date in New York."""
    return rules.local_date(now or timezone.now())


@dataclass(frozen=True)
class LedgerLine:
    entry: CEEntry
    counted: bool


@dataclass(frozen=True)
class TopicBar:
    topic: str
    label: str
    counted: Decimal
    required: Decimal

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.counted * 100 / self.required))


@dataclass(frozen=True)
class CredentialOverview:
    """Everything the 'My credentials' page and the coordinator's view show for one record."""

    record: CredentialRecord
    today: date
    status: CredentialStatus
    window_opens_on: date
    grace_ends_on: date
    days_until_expiry: int
    progress: rules.CEProgress
    lines: list[LedgerLine]

    @property
    def badge(self) -> str:
        return STATUS_BADGE[self.status]

    @property
    def bars(self) -> list[TopicBar]:
        progress = self.progress
        bars = [TopicBar("total", "All topics", progress.total, progress.required_total)]
        for topic, required in progress.required.items():
            label = CETopic(topic).label
            bars.append(TopicBar(topic, label, progress.counted[topic], required))
        return bars

    @property
    def chart(self) -> charts.Svg:
        """Hours by topic against each requirement: every bar is its topic's own requirement, so
        a small ethics minimum reads as clearly as the total. The label says it all in words."""
        bars = self.bars
        short = rules.hours_in_words
        words = [
            f"{bar.label}, {rules.hours_in_words(bar.counted)} of "
            f"{rules.hours_in_words(bar.required)} hours"
            for bar in bars
        ]
        return charts.bar_chart(
            [
                charts.Bar(
                    bar.label,
                    bar.percent,
                    f"{short(bar.counted)} of {short(bar.required)} h",
                )
                for bar in bars
            ],
            label="Continuing education hours against the requirement: " + "; ".join(words) + ".",
            scale_max=100,
        )

    @property
    def counted_lines(self) -> list[LedgerLine]:
        return [line for line in self.lines if line.counted]


def credential_records_for_holder(*, holder) -> QuerySet[CredentialRecord]:
    """A person's credential records, with what their pages show alongside."""
    return CredentialRecord.objects.filter(holder=holder).select_related(
        "credential_type", "confirmed_by"
    )


def ce_entries_for_holder(*, holder) -> QuerySet[CEEntry]:
    """A person's whole CE ledger, newest first (entries outside the window included)."""
    return CEEntry.objects.filter(holder=holder).order_by("-date", "-pk")


def credential_overview(
    *, record: CredentialRecord, entries=None, today: date | None = None
) -> CredentialOverview:
    """Status, key dates and CE progress of one record; `entries` defaults to the holder's."""
    today = today or today_in_program()
    type_rules = record.credential_type.rules()
    if entries is None:
        entries = list(ce_entries_for_holder(holder=record.holder))
    return CredentialOverview(
        record=record,
        today=today,
        status=record.status(today=today),
        window_opens_on=rules.renewal_window_opens_on(record.expiry_date, type_rules),
        grace_ends_on=rules.grace_ends_on(record.expiry_date, type_rules),
        days_until_expiry=(record.expiry_date - today).days,
        progress=rules.ce_progress(
            [entry.as_item() for entry in entries if entry.claimed],
            expiry_date=record.expiry_date,
            rules=type_rules,
            today=today,
        ),
        lines=[
            LedgerLine(
                entry,
                entry.claimed and rules.counts_toward(entry.date, record.expiry_date, type_rules),
            )
            for entry in entries
        ],
    )


def credential_overviews_for_holder(*, holder, today: date | None = None):
    """(overviews, entries): every record of the holder, sharing one read of the ledger."""
    entries = list(ce_entries_for_holder(holder=holder))
    overviews = [
        credential_overview(record=record, entries=entries, today=today)
        for record in credential_records_for_holder(holder=holder)
    ]
    return overviews, entries


def audit_entries(*, record: CredentialRecord) -> list[CEEntry]:
    """The CE entries the holder claims inside the record's current window, oldest first
    (entries they left out of their claim are not sent to PCB)."""
    start, end = rules.ce_window(record.expiry_date, record.credential_type.rules())
    return list(
        CEEntry.objects.filter(
            holder=record.holder, claimed=True, date__gte=start, date__lte=end
        ).order_by("date", "pk")
    )


def record_readable_by(*, record: CredentialRecord, user) -> bool:
    """The holder and coordinators (who hold view_credentialrecord) may read a record's files."""
    if not user.is_authenticated:
        return False
    return record.holder_id == user.pk or user.has_perm("credentials.view_credentialrecord")


def ce_entry_readable_by(*, entry: CEEntry, user) -> bool:
    """The holder and coordinators may read a CE entry's certificate."""
    if not user.is_authenticated:
        return False
    return entry.holder_id == user.pk or user.has_perm("credentials.view_ceentry")


VALID_CRS_STATUSES = (
    CredentialStatus.ACTIVE,
    CredentialStatus.EXPIRING_SOON,
    CredentialStatus.RENEWAL_WINDOW_OPEN,
)


def active_crs_holder_ids(*, user_ids, today: date) -> set[int]:
    """Mentor-eligibility provider (settings.MENTOR_ELIGIBILITY_PROVIDERS): the ids among
    user_ids holding a coordinator-confirmed CRS credential that is in force on `today`."""
    records = CredentialRecord.objects.filter(
        holder_id__in=list(user_ids),
        credential_type__code="crs",
        verification=Verification.CONFIRMED,
    )
    ids: set[int] = set()
    for status in VALID_CRS_STATUSES:
        ids |= set(records.with_status(status, today=today).values_list("holder_id", flat=True))
    return ids
