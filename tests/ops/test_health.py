"""/healthz: 200 when the database, cache, task queue and scheduler are fine; 503 naming what is
wrong otherwise."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

import pytest

from lms.ops.models import ScheduledRun
from lms.ops.scheduling import REMINDER_SWEEP, program_today

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_healthy_answers_200_with_each_check(client):
    ScheduledRun.objects.create(job=REMINDER_SWEEP, day=program_today(), finished_at=timezone.now())

    response = client.get("/healthz")

    data = response.json()
    assert response.status_code == 200 and data["status"] == "ok"
    assert data["database"] == data["cache"] == "ok"
    assert data["last_sweep"] is not None and data["problems"] == []
    assert response["Cache-Control"] == "no-store"


@override_settings(TASKS=DB_TASKS)
def test_a_task_waiting_too_long_answers_503_naming_the_worker(client):
    from django_tasks_db.models import DBTaskResult

    from credentials.tasks import send_credential_reminders

    send_credential_reminders.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["oldest_queued_task_seconds"] >= 20 * 60
    assert "db_worker" in response.json()["problems"][0]


def test_a_late_sweep_answers_503_naming_the_scheduler(client):
    two_days_ago = timezone.now() - timedelta(days=2)
    ScheduledRun.objects.create(job=REMINDER_SWEEP, day=program_today(), finished_at=two_days_ago)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert "crontask" in response.json()["problems"][0]


@override_settings(HEALTHZ_REQUIRE_SWEEP=True)
def test_where_the_scheduler_must_run_no_sweep_at_all_is_a_problem(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["problems"] == [
        "The reminder sweep has never run: is `manage.py crontask` running?"
    ]


def test_a_cache_that_does_not_answer_gives_503(client):
    down = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    with override_settings(CACHES={"default": down}):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "down"
    assert "Redis" in response.json()["problems"][0]
