"""A person's credential: number, dates, evidence, verification and standing."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from simple_history.models import HistoricalRecords

from credentials import rules
from credentials.choices import CredentialStatus, Standing, Verification
from credentials.uploads import evidence_upload_to, private_storage


class CredentialRecordQuerySet(models.QuerySet):
    """Status as a filter, equivalent to rules.credential_status for every record and day."""

    def in_good_standing(self):
        return self.filter(standing=Standing.GOOD)

    def with_status(self, status: str, *, today: date):
        """Records whose status on `today` (a New York date) is `status`."""
        status = CredentialStatus(status)
        if status == CredentialStatus.REVOKED:
            return self.filter(standing=Standing.REVOKED)
        if status == CredentialStatus.SUSPENDED:
            return self.filter(standing=Standing.SUSPENDED)
        from credentials.models.types import CredentialType

        condition = models.Q(pk__in=[])
        for type_id, type_rules in CredentialType.objects.rules_by_id().items():
            bounds = rules.expiry_range_for_status(status, type_rules, today)
            if bounds is None:  # suspended and revoked were answered by standing above
                continue
            lo, hi = bounds
            if lo is not None and hi is not None and lo > hi:
                continue
            part = models.Q(credential_type_id=type_id)
            if lo is not None:
                part &= models.Q(expiry_date__gte=lo)
            if hi is not None:
                part &= models.Q(expiry_date__lte=hi)
            condition |= part
        return self.in_good_standing().filter(condition)

    def expiring_within(self, days: int, *, today: date):
        """Good-standing records not yet expired whose expiry is at most `days` days away."""
        return self.in_good_standing().filter(
            expiry_date__gte=today, expiry_date__lte=today + timedelta(days=days)
        )


class CredentialRecord(models.Model):
    """One person's credential of one type (a renewal updates the record; history keeps the past).

    Personal data: holder, number, evidence, reasons. A public verification page (issue 5) may
    show only what the holder agreed to share: name as printed, credential, issuer, dates, status.
    """

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credential_records"
    )
    credential_type = models.ForeignKey(
        "credentials.CredentialType", on_delete=models.PROTECT, related_name="records"
    )
    number = models.CharField("credential number", max_length=40)
    issue_date = models.DateField()
    expiry_date = models.DateField(
        help_text="Valid through the end of this day, New York time.", db_index=True
    )
    evidence = models.FileField(
        "evidence",
        storage=private_storage,
        upload_to=evidence_upload_to,
        blank=True,
        max_length=200,
        help_text="PCB's certificate or letter: a PDF or an image.",
    )
    evidence_content_type = models.CharField(max_length=40, blank=True, editable=False)

    verification = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.SELF_REPORTED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    standing = models.CharField(max_length=20, choices=Standing.choices, default=Standing.GOOD)
    standing_reason = models.TextField(blank=True)
    standing_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    standing_changed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = CredentialRecordQuerySet.as_manager()

    class Meta:
        ordering = ["expiry_date", "pk"]
        permissions = [
            ("verify_credentialrecord", "Can confirm, suspend or revoke credential records")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "credential_type"],
                name="credentialrecord_one_per_holder_type",
                violation_error_message=(
                    "You already have a record of this credential. Edit it instead: a renewal "
                    "updates its dates."
                ),
            ),
            models.UniqueConstraint(
                fields=["credential_type", "number"],
                name="credentialrecord_unique_number",
                violation_error_message=(
                    "This credential number is already recorded. Check it, or ask a coordinator."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(expiry_date__gt=models.F("issue_date")),
                name="credentialrecord_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=models.Q(verification=Verification.SELF_REPORTED)
                | models.Q(confirmed_at__isnull=False),
                name="credentialrecord_confirmed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["credential_type", "expiry_date"])]

    def __str__(self):
        return f"{self.holder} · {self.credential_type.code.upper()} {self.number}"

    def get_absolute_url(self):
        return reverse("credentials:mine")

    def clean(self):
        """Dates out of bounds (lms/common/datebounds.py), whatever path saves the record."""
        super().clean()
        today = rules.local_date(timezone.now())
        errors = {}
        if self.issue_date and (message := rules.date_bounds_error(self.issue_date)):
            errors["issue_date"] = message
        if self.expiry_date and (
            message := rules.date_bounds_error(
                self.expiry_date, latest=rules.latest_expiry(today=today)
            )
        ):
            errors["expiry_date"] = message
        if errors:
            raise ValidationError(errors)

    def status(self, *, today: date) -> CredentialStatus:
        return rules.credential_status(
            expiry_date=self.expiry_date,
            standing=self.standing,
            rules=self.credential_type.rules(),
            on=today,
        )
