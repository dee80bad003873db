"""The training side's scheduled job: remind coordinators that PCB's quarterly participant list
is due (../shared/DOMAIN.md, "provider duties": the list goes to PCB every quarter).

Enqueued daily by the scheduler (django-crontask) at 06:20 New York time, and once when it starts;
run by the worker, each day at most once (lms/ops/scheduling.py). The reminder itself goes out on
the first day of a quarter's last week, so with the catch-up of missed days it goes exactly once
a quarter. Imported by the lms app's ready(), so the scheduler registers it.
"""

from django.tasks import task

from crontask import cron, scheduler

from lms.ops.scheduling import PARTICIPANT_LIST_REMINDER, daily_run
from lms.training.services import participant_list_reminder_send


@cron("20 6 * * *")
@task()
def remind_participant_list_daily() -> dict:
    runs = daily_run(
        job=PARTICIPANT_LIST_REMINDER,
        action=lambda day: {"sent": participant_list_reminder_send(today=day)},
    )
    return {"runs": runs}


scheduler.add_job(
    func=remind_participant_list_daily.enqueue, name="catch up the participant list reminder"
)
