"""Runs of the scheduled daily jobs: one row per job and day, claimed before the job acts."""

from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """A daily job's run for one day. The unique (job, day) pair is the lock: of any number of
    schedulers or workers, the one whose row is created acts; the others find it and stop."""

    job = models.CharField(max_length=64)
    day = models.DateField(help_text="The New York date the run was for.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_once_per_day")
        ]
        ordering = ["job", "-day"]

    def __str__(self):
        return f"{self.job} {self.day}"
