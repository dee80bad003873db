"""`/healthz`: is this app server able to do its work? For load balancers and monitoring.

Reports the database, the cache, the age of the oldest task waiting in the queue and when the
reminder sweep last finished; answers 503, naming each problem, when any of them is wrong.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lms.ops.scheduling import REMINDER_SWEEP, last_finished

DATABASE_DOWN = "The database does not answer."
CACHE_DOWN = "The cache does not answer (is Redis running at REDIS_URL?)."
QUEUE_STUCK = "A task has waited {minutes} minutes: is `manage.py db_worker` running?"
NO_SWEEP = "The reminder sweep has never run: is `manage.py crontask` running?"
SWEEP_LATE = "The reminder sweep last finished {hours} hours ago: is `manage.py crontask` running?"


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, 1, 10)
        ok = cache.get(key) == 1
        cache.delete(key)
        return ok
    except Exception:  # noqa: BLE001 - any failure of the cache backend means "down"
        return False


def _oldest_queued_age(now) -> timedelta | None:
    """How long the oldest task that is due has been waiting (database task queue only)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    oldest = (
        DBTaskResult.objects.ready()  # waiting, and due (no run_after, or one that has passed)
        .order_by("enqueued_at")
        .values_list("enqueued_at", "run_after")
        .first()
    )
    if oldest is None:
        return None
    enqueued_at, run_after = oldest
    due_since = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
    return now - due_since


@require_http_methods(["GET", "HEAD"])
def healthz(request: HttpRequest) -> JsonResponse:
    """The checks as JSON; 200 when all pass, 503 with the problems named when any fails."""
    now = timezone.now()
    problems: list[str] = []
    report: dict = {"database": "ok", "cache": "ok"}
    if not _database():
        report["database"] = "down"
        problems.append(DATABASE_DOWN)
    if not _cache():
        report["cache"] = "down"
        problems.append(CACHE_DOWN)
    if report["database"] == "ok":
        age = _oldest_queued_age(now)
        report["oldest_queued_task_seconds"] = None if age is None else int(age.total_seconds())
        if age is not None and age > settings.HEALTHZ_MAX_QUEUE_AGE:
            problems.append(QUEUE_STUCK.format(minutes=int(age.total_seconds() // 60)))
        swept = last_finished(REMINDER_SWEEP)
        report["last_sweep"] = swept.isoformat() if swept else None
        if swept is None and settings.HEALTHZ_REQUIRE_SWEEP:
            problems.append(NO_SWEEP)
        elif swept is not None and now - swept > settings.HEALTHZ_MAX_SWEEP_AGE:
            problems.append(SWEEP_LATE.format(hours=int((now - swept).total_seconds() // 3600)))
    report["status"] = "fail" if problems else "ok"
    report["problems"] = problems
    response = JsonResponse(report, status=503 if problems else 200)
    response["Cache-Control"] = "no-store"
    return response
