"""Daily jobs: registered with the scheduler, each day run at most once, missed days caught up."""

from datetime import date, datetime, time, timedelta

import pytest

from lms.ops.models import ScheduledRun
from lms.ops.scheduling import PROGRAM_TZ, daily_run, due_days, last_finished

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)
NOW = datetime.combine(TODAY, time(6, 0), tzinfo=PROGRAM_TZ)


def _recording():
    days = []

    def action(day):
        days.append(day)
        return {"done": True}

    return days, action


def test_a_day_runs_once_however_often_the_job_is_enqueued():
    days, action = _recording()

    daily_run(job="j", action=action, now=NOW)
    daily_run(job="j", action=action, now=NOW + timedelta(hours=1))

    assert days == [TODAY]
    assert last_finished("j") is not None


def test_missed_days_are_caught_up_oldest_first():
    ScheduledRun.objects.create(job="j", day=TODAY - timedelta(days=3), finished_at=NOW)
    days, action = _recording()

    daily_run(job="j", action=action, now=NOW)

    assert days == [TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY]


def test_catch_up_goes_back_at_most_a_week():
    ScheduledRun.objects.create(job="j", day=TODAY - timedelta(days=40), finished_at=NOW)

    assert due_days(job="j", today=TODAY)[0] == TODAY - timedelta(days=7)


def test_a_day_claimed_by_another_scheduler_or_worker_is_left_to_it():
    ScheduledRun.objects.create(job="j", day=TODAY)  # claimed, still running elsewhere
    days, action = _recording()

    daily_run(job="j", action=action, now=NOW)

    assert days == []


def test_a_failed_run_gives_up_its_claim_so_the_next_run_retries():
    def failing(day):
        raise RuntimeError("mail server down")

    with pytest.raises(RuntimeError):
        daily_run(job="j", action=failing, now=NOW)
    days, action = _recording()
    daily_run(job="j", action=action, now=NOW)

    assert days == [TODAY]


def test_the_scheduler_enqueues_both_daily_jobs_at_six_new_york_time():
    from crontask import scheduler

    import credentials.tasks  # noqa: F401
    import lms.mentorship.jobs  # noqa: F401

    crons = {
        job.name: job.trigger
        for job in scheduler.get_jobs()
        if type(job.trigger).__name__ == "CronTrigger"
    }
    sweep = crons["send_credential_reminders"]
    milestones = crons["record_milestones_daily"]
    assert str(sweep.timezone) == str(milestones.timezone) == "America/New_York"
    assert "hour='6'" in str(sweep) and "minute='0'" in str(sweep)
    assert "hour='6'" in str(milestones) and "minute='15'" in str(milestones)
    catch_ups = [job.name for job in scheduler.get_jobs() if job.name.startswith("catch up")]
    assert sorted(catch_ups) == [
        "catch up the milestones",
        "catch up the participant list reminder",
        "catch up the registration expiry",
        "catch up the reminder sweep",
    ]


def test_the_scheduler_expires_unconfirmed_sign_ups_daily_at_half_past_six():
    """Loaded through the lms app's ready(): crontask itself imports only `<app>.tasks`."""
    from crontask import scheduler

    crons = {
        job.name: job.trigger
        for job in scheduler.get_jobs()
        if type(job.trigger).__name__ == "CronTrigger"
    }
    trigger = crons["expire_registrations_daily"]
    assert str(trigger.timezone) == "America/New_York"
    assert "hour='6'" in str(trigger) and "minute='30'" in str(trigger)


def _sign_up(email, *, expires_at):
    from lms.accounts.models import Registration, new_token

    return Registration.objects.create(
        email=email, first_name="Pat", token_hash=new_token()[1], expires_at=expires_at
    )


def test_the_daily_expiry_forgets_expired_sign_ups_once_a_day_and_catches_up(monkeypatch):
    from django.utils import timezone

    from lms.accounts.jobs import expire_registrations_daily
    from lms.accounts.models import Registration
    from lms.ops import scheduling

    now = timezone.now()
    _sign_up("old@example.org", expires_at=now - timedelta(hours=1))
    _sign_up("fresh@example.org", expires_at=now + timedelta(days=3))
    # The scheduler was down for two days: those days are caught up, oldest first.
    today = scheduling.program_today(now)
    ScheduledRun.objects.create(
        job=scheduling.REGISTRATIONS_EXPIRE, day=today - timedelta(days=3), finished_at=now
    )

    result = expire_registrations_daily.call()
    again = expire_registrations_daily.call()  # a second scheduler, or a retried task

    assert result["expired"] == 1
    assert [run["day"] for run in result["runs"]] == [
        (today - timedelta(days=n)).isoformat() for n in (2, 1, 0)
    ]
    assert again == {"runs": [], "expired": 0}
    assert list(Registration.objects.values_list("email", flat=True)) == ["fresh@example.org"]
    assert last_finished(scheduling.REGISTRATIONS_EXPIRE) is not None


def test_a_job_the_scheduler_reaches_late_still_runs():
    """The catch-up at start was once dropped for starting 5 s late (APScheduler's default
    grace is one second)."""
    import threading
    import time as time_module

    from apscheduler.schedulers.background import BackgroundScheduler
    from crontask import scheduler

    from lms.ops.scheduling import JOB_DEFAULTS

    assert scheduler._job_defaults["misfire_grace_time"] == JOB_DEFAULTS["misfire_grace_time"]
    late = BackgroundScheduler(job_defaults=JOB_DEFAULTS, timezone=PROGRAM_TZ)
    ran = threading.Event()
    late.add_job(ran.set, "date", run_date=datetime.now(PROGRAM_TZ) - timedelta(seconds=30))
    late.start()
    try:
        assert ran.wait(10)
        # Let the scheduler's own thread drop the finished one-off job before stopping it (a
        # shutdown in between leaves that thread a job to remove that is no longer there).
        for _ in range(100):
            if not late.get_jobs():
                break
            time_module.sleep(0.05)
    finally:
        late.shutdown(wait=False)


def test_without_the_grace_the_same_late_job_is_dropped():
    """The control for the test above: APScheduler's default grace drops it."""
    import threading

    from apscheduler.schedulers.background import BackgroundScheduler

    late = BackgroundScheduler(timezone=PROGRAM_TZ)
    ran = threading.Event()
    late.add_job(ran.set, "date", run_date=datetime.now(PROGRAM_TZ) - timedelta(seconds=30))
    late.start()
    try:
        assert not ran.wait(2)
    finally:
        late.shutdown(wait=False)
