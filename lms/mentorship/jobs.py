"""The mentorship program's scheduled jobs: record the milestones pairs reach, daily; and, hourly,
tell every coordinator again about a concern still open after CONCERN_ESCALATION_HOURS.

Enqueued by the scheduler (django-crontask) at 06:15 New York time, and once when it starts to
catch up a missed day; run by the worker, each day at most once (lms/ops/scheduling.py).
Imported by the app's ready(), so the scheduler registers it.
"""

from django.tasks import task

from crontask import cron, scheduler

from lms.mentorship.services import concerns_escalate_due, milestones_record_due
from lms.ops.scheduling import MILESTONES, daily_run


@cron("15 6 * * *")
@task()
def record_milestones_daily() -> dict:
    """Record the 30/60/90-day milestones every pair has reached, for today and missed days."""
    runs = daily_run(
        job=MILESTONES, action=lambda day: {"recorded": milestones_record_due(today=day)}
    )
    return {"runs": runs}


scheduler.add_job(func=record_milestones_daily.enqueue, name="catch up the milestones")


@cron("5 * * * *")
@task()
def escalate_open_concerns_hourly() -> dict:
    """Concerns still open after the configured time go to every coordinator again, once each.

    No ScheduledRun claim is needed: each concern's `escalated_at` is set under a row lock, so a
    second scheduler or a retried task finds nothing left to send."""
    return {"escalated": concerns_escalate_due()}
