"""What the reminder sweep has sent: one row per reminder and per digest copy.

The unique constraints are what make the sweep idempotent: a reminder is recorded once per
credential, kind and expiry date, however many runs see it fall due.
"""

from django.conf import settings
from django.db import models

from credentials.choices import ReminderKind, SendStatus


class SendState(models.Model):
    """Delivery bookkeeping shared by reminders and digest copies."""

    status = models.CharField(
        max_length=12, choices=SendStatus.choices, default=SendStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class CoordinatorDigest(models.Model):
    """A batch of reminders reported to the coordinators together (usually one per day)."""

    created_at = models.DateTimeField()
    created_on = models.DateField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Digest of {self.created_on:%Y-%m-%d}"


class MissingFileReport(models.Model):
    """A private file the database names but storage did not have when someone asked for it.

    One open report per storage name: further requests only count up, until the coordinators'
    digest takes it (digest set); asked for again after that, the file is reported again.
    No personal data: the label names the record, never the person.
    """

    name = models.CharField(max_length=255, help_text="The storage name of the missing file.")
    label = models.CharField(max_length=200, help_text="What the file is, for coordinators.")
    path = models.CharField(max_length=255, blank=True, help_text="The address that asked.")
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    times = models.PositiveIntegerField(default=1)
    restored_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        CoordinatorDigest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missing_files",
    )

    class Meta:
        ordering = ["first_seen_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(digest__isnull=True),
                name="missingfilereport_one_open_per_name",
            )
        ]

    def __str__(self):
        return f"{self.label} missing since {self.first_seen_at:%Y-%m-%d}"


class ReminderSend(SendState):
    """One reminder to a credential's holder. Personal data: by its record only."""

    record = models.ForeignKey(
        "credentials.CredentialRecord", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    expiry_date = models.DateField(help_text="The expiry this reminder is about.")
    due_on = models.DateField()
    created_on = models.DateField(help_text="The New York day the sweep recorded it.")
    digest = models.ForeignKey(
        CoordinatorDigest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
    )

    class Meta:
        ordering = ["-due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "kind", "expiry_date"], name="remindersend_once_per_cycle"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for record {self.record_id} ({self.status})"


class DigestSend(SendState):
    """One coordinator's copy of a digest."""

    digest = models.ForeignKey(CoordinatorDigest, on_delete=models.CASCADE, related_name="sends")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "recipient"], name="digestsend_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.digest} to {self.recipient_id} ({self.status})"
