"""Background work: the daily reminder sweep, which keeps itself scheduled.

Where the task backend can defer (django_tasks_db in production), each run enqueues the next one
for 06:00 New York time the following day, so one `db_worker` keeps the sweep daily without cron
(docs/decisions/0011). With the ImmediateBackend (dev, tests) it just runs once.
"""

from datetime import datetime, timedelta

from django.tasks import task
from django.utils import timezone

from credentials import rules
from credentials.reminders import credential_reminders_sweep

DAILY_RUN_AT = timedelta(hours=6)


def next_run_at(*, now: datetime | None = None) -> datetime:
    """06:00 New York time on the day after `now`."""
    today = rules.local_date(now or timezone.now())
    return rules.start_of_day(today + rules.ONE_DAY) + DAILY_RUN_AT


def _already_scheduled(run_after: datetime) -> bool:
    """True if the database queue already holds a future run (so a chain is never doubled)."""
    backend = send_credential_reminders.get_backend()
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=send_credential_reminders.module_path,
        status="READY",
        run_after__gte=run_after - timedelta(hours=12),
    ).exists()


def schedule_next_reminder_sweep(*, now: datetime | None = None):
    """Enqueue tomorrow's sweep if the backend can defer and none is queued; the TaskResult or
    None."""
    if not send_credential_reminders.get_backend().supports_defer:
        return None
    run_after = next_run_at(now=now)
    if _already_scheduled(run_after):
        return None
    return send_credential_reminders.using(run_after=run_after).enqueue()


@task()
def send_credential_reminders() -> dict:
    """The daily sweep (credentials.reminders); schedules its next run first, so a failing run
    never breaks the chain."""
    try:
        schedule_next_reminder_sweep()
    finally:
        result = credential_reminders_sweep()
    return result.as_dict()
