"""Background work: the daily reminder sweep, enqueued by the scheduler (django-crontask).

`python manage.py crontask` enqueues the task at 06:00 New York time (and once when the scheduler
starts, to catch up a missed day); `db_worker` runs it. The sweep claims each day once
(lms/ops/scheduling.py), so a second scheduler or a retry sends nothing twice (docs/decisions/0033).
A sweep that could not deliver everything (the mail server was down) enqueues a retry of the
undelivered messages a few minutes later.
"""

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from crontask import cron, scheduler

from credentials.reminders import credential_reminders_sweep
from lms.ops.scheduling import REMINDER_SWEEP, daily_run


@cron("0 6 * * *")
@task()
def send_credential_reminders() -> dict:
    """The daily sweep (credentials.reminders) for today and any missed day."""
    runs = daily_run(
        job=REMINDER_SWEEP, action=lambda day: credential_reminders_sweep(today=day).as_dict()
    )
    if any(_undelivered(run) for run in runs):
        _retry_later(attempt=1)
    return {"runs": runs, "messages": sum(run["messages"] for run in runs)}


@task()
def retry_undelivered_reminders(attempt: int = 1) -> dict:
    """Send again what a sweep could not deliver (the mail server was away), without waiting
    for tomorrow's sweep. Rows that failed are claimed again and sent once; the day's claim is
    untouched. Tries again every REMINDER_RETRY_MINUTES, REMINDER_RETRY_ATTEMPTS times at most;
    after that the next daily sweep picks them up as before."""
    run = credential_reminders_sweep().as_dict()
    if _undelivered(run) and attempt < settings.REMINDER_RETRY_ATTEMPTS:
        _retry_later(attempt=attempt + 1)
    return run | {"attempt": attempt}


def _undelivered(run: dict) -> int:
    return run["failed"] + run["digests_failed"]


def _retry_later(*, attempt: int) -> None:
    # A backend that cannot run a task later (the immediate one, in development) leaves the
    # retry to the next daily sweep rather than looping at once.
    if not retry_undelivered_reminders.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=settings.REMINDER_RETRY_MINUTES)
    retry_undelivered_reminders.using(run_after=run_after).enqueue(attempt)


# Once when the scheduler starts: a day missed while it was down is caught up at once.
scheduler.add_job(func=send_credential_reminders.enqueue, name="catch up the reminder sweep")
