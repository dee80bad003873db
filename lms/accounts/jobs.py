"""The accounts' scheduled job: forget mentor sign-ups whose link has expired, daily.

Enqueued by the scheduler (django-crontask) at 06:30 New York time, and once when it starts to
catch up a missed day; run by the worker, each day at most once (lms/ops/scheduling.py).
Imported by the lms app's ready(), so the scheduler registers it (crontask only looks for a
`tasks` module at the top of each app).
"""

from django.tasks import task

from crontask import cron, scheduler

from lms.accounts.services import registrations_expire
from lms.ops.scheduling import REGISTRATIONS_EXPIRE, daily_run


@cron("30 6 * * *")
@task()
def expire_registrations_daily() -> dict:
    """Forget expired sign-ups. A caught-up day removes what has expired by now, so the oldest
    due day does the work and the later ones find nothing left."""
    runs = daily_run(
        job=REGISTRATIONS_EXPIRE, action=lambda day: {"expired": registrations_expire()}
    )
    return {"runs": runs, "expired": sum(run["expired"] for run in runs)}


scheduler.add_job(func=expire_registrations_daily.enqueue, name="catch up the registration expiry")
