"""Daily jobs run by the scheduler (django-crontask): each day at most once, missed days caught up.

The scheduler only enqueues; the worker runs `daily_run`, which claims each due day with a
ScheduledRun row (unique per job and day) before acting, so two schedulers, a retried task or a
hand-run command can never run a day twice. A day that was missed (the scheduler or worker was
down) is run on the next occasion, oldest first, up to CATCH_UP_DAYS back.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from crontask import scheduler

from lms.ops.models import ScheduledRun

logger = logging.getLogger(__name__)

PROGRAM_TZ = ZoneInfo("America/New_York")
CATCH_UP_DAYS = 7
REMINDER_SWEEP = "credential-reminders"
MILESTONES = "milestones"
PARTICIPANT_LIST_REMINDER = "participant-list-reminder"
REGISTRATIONS_EXPIRE = "registrations-expire"


# APScheduler drops a run that starts more than one second late, which a busy machine or a
# scheduler still waiting for its lock easily is: the catch-up at start was skipped that way on
# `make stack`. A late run is still wanted (each day is claimed once, below); runs missed
# together are coalesced into one.
JOB_DEFAULTS = {"misfire_grace_time": 6 * 3600, "coalesce": True}
scheduler.configure(job_defaults=JOB_DEFAULTS)


def program_today(now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(PROGRAM_TZ).date()


def due_days(*, job: str, today: date) -> list[date]:
    """Today and every missed day since the last finished run (at most CATCH_UP_DAYS back)."""
    last = (
        ScheduledRun.objects.filter(job=job, finished_at__isnull=False, day__lte=today)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    first = (
        today if last is None else max(last + timedelta(days=1), today - timedelta(CATCH_UP_DAYS))
    )
    return [first + timedelta(days=n) for n in range((today - first).days + 1)]


def daily_run(
    *, job: str, action: Callable[[date], dict[str, Any]], now: datetime | None = None
) -> list[dict[str, Any]]:
    """Run `action(day)` for each due day this process can claim; returns their summaries."""
    summaries = []
    for day in due_days(job=job, today=program_today(now)):
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job, day=day)
        except IntegrityError:
            continue  # claimed by another run: it acts for this day
        try:
            summary = action(day)
        except Exception:
            ScheduledRun.objects.filter(pk=run.pk).delete()  # let the next run try this day again
            raise
        run.finished_at = timezone.now()
        run.summary = summary
        run.save(update_fields=["finished_at", "summary"])
        logger.info("%s for %s done: %s", job, day, summary)
        summaries.append({"day": day.isoformat(), **summary})
    return summaries


def last_finished(job: str) -> datetime | None:
    """When the job last finished a run, for /healthz."""
    return (
        ScheduledRun.objects.filter(job=job, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
