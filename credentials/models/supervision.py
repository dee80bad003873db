"""The supervision log: sessions a mentor had with their supervisor.

PCB does not count supervision as continuing education (../shared/DOMAIN.md, "what counts"), so
nothing here is ever a CE entry or part of a CE total; employers and supervisors still need it on
record. Personal data: holder, note (private to the holder). Never on a public page.
"""

from django.conf import settings
from django.db import models

from simple_history.models import HistoricalRecords

from credentials.choices import SupervisionState

MAX_MINUTES = 8 * 60


class SupervisionSession(models.Model):
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_sessions"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_sessions",
        help_text="The coordinator who supervised; they confirm or decline the entry.",
    )
    date = models.DateField(help_text="The day of the session.")
    minutes = models.PositiveSmallIntegerField()
    topics = models.CharField(max_length=500, help_text="What was discussed, in a few words.")
    note = models.TextField(
        "private note", blank=True, help_text="Only you see this; it is not exported."
    )
    state = models.CharField(
        max_length=20, choices=SupervisionState.choices, default=SupervisionState.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0) & models.Q(minutes__lte=MAX_MINUTES),
                name="supervision_minutes_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(holder=models.F("supervisor")),
                name="supervision_not_self",
            ),
        ]

    def __str__(self):
        return f"Supervision on {self.date:%Y-%m-%d} ({self.minutes} min)"
