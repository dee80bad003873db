"""Background work: the daily reminder sweep, enqueued by the scheduler (django-crontask).

`python manage.py crontask` enqueues the task at 06:00 New York time (and once when the scheduler
starts, to catch up a missed day); `db_worker` runs it. The sweep claims each day once
(lms/ops/scheduling.py), so a second scheduler or a retry sends nothing twice (docs/decisions/0033).
"""

from django.tasks import task

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
    return {"runs": runs, "messages": sum(run["messages"] for run in runs)}


# Once when the scheduler starts: a day missed while it was down is caught up at once.
scheduler.add_job(func=send_credential_reminders.enqueue, name="catch up the reminder sweep")
