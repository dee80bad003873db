"""Who read or changed a mentee's data, and the mentee's requests for a copy or deletion.

Both outlive a deletion: they hold the mentee's user id as a number, not a foreign key, and no
content of the records themselves (only what kind of record, and its id).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from lms.mentorship.choices import AccessAction, DataRequestKind


class AccessLogEntry(models.Model):
    """One read or change of a mentee's profile, check-in notes or feedback: who, when, what."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewer_email = models.EmailField(help_text="Kept if the account is later removed.")
    mentee_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(max_length=30, choices=AccessAction.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self):
        return f"{self.viewer_email} {self.get_action_display()} mentee #{self.mentee_id}"


class DataRequest(models.Model):
    """A mentee's request for a copy of their data or for its deletion, and how it was met."""

    kind = models.CharField(max_length=20, choices=DataRequestKind.choices)
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    mentee_ref = models.CharField(max_length=40, help_text="'mentee #<user id>', kept for good.")
    requested_on = models.DateField(help_text="When the mentee asked.")
    note = models.TextField(blank=True, help_text="How the request came in; no clinical detail.")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(default=timezone.now)
    summary = models.JSONField(default=dict, blank=True, help_text="Counts of records.")

    class Meta:
        ordering = ["-handled_at"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.mentee_ref}"
