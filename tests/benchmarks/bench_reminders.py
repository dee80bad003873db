"""Benchmark: the credential reminder sweep over 100,000 credentials. Prints figures; asserts none.

    .venv/bin/python tests/benchmarks/bench_reminders.py                  # SQLite (a temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench \\
        .venv/bin/python tests/benchmarks/bench_reminders.py              # PostgreSQL

A throwaway test database is created (migrated) and dropped. Credentials get expiry dates spread
evenly over 1,200 days around the benchmark day, and every second holder has a CE entry. Each size
is measured three times: the first run (it catches up REMINDER_CATCH_UP_DAYS of backlog), a second
run the same day (nothing left to send), and the next day's run (one day's worth). Mail goes to
Django's dummy backend, so the figures are the sweep's own work: queries, rendering, .ics.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from credentials import rules  # noqa: E402
from credentials.models import (  # noqa: E402
    CEEntry,
    CoordinatorDigest,
    CredentialRecord,
    CredentialType,
    DigestSend,
    ReminderSend,
)
from credentials.reminders import credential_reminders_sweep  # noqa: E402
from lms.accounts.models import User  # noqa: E402

DAY = date(2027, 3, 1)
SPREAD_DAYS = 1200
BATCH = 5000
DUMMY_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


def seed(start: int, stop: int, crs: CredentialType) -> None:
    """Holders start..stop-1, one credential each; every second one with a CE entry."""
    for low in range(start, stop, BATCH):
        high = min(low + BATCH, stop)
        users = User.objects.bulk_create(
            User(email=f"bench{n}@example.org", first_name="Bench", last_name=str(n), password="!")
            for n in range(low, high)
        )
        CredentialRecord.objects.bulk_create(
            CredentialRecord(
                holder=user,
                credential_type=crs,
                number=f"B{n:07d}",
                issue_date=DAY - timedelta(days=n % SPREAD_DAYS) - timedelta(days=400),
                expiry_date=DAY - timedelta(days=n % SPREAD_DAYS) + timedelta(days=800),
            )
            for n, user in zip(range(low, high), users, strict=True)
        )
        CEEntry.objects.bulk_create(
            CEEntry(
                holder=user,
                title="Ethics workshop",
                organization="Bench Institute",
                date=DAY - timedelta(days=100),
                hours=Decimal(3),
                topic="ethics",
                kind="workshop",
            )
            for n, user in zip(range(low, high), users, strict=True)
            if n % 2 == 0
        )


def clear_sends() -> None:
    for model in (DigestSend, ReminderSend, CoordinatorDigest):
        model.objects.all()._raw_delete(connection.alias)


def run(day: date):
    now = datetime.combine(day, datetime.min.time(), tzinfo=rules.PROGRAM_TZ) + timedelta(hours=6)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = credential_reminders_sweep(today=day, now=now)
        seconds = time.perf_counter() - started
    return seconds, len(captured), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated, ascending")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]

    vendor = connection.vendor
    if vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(
            Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
        )
    print(f"Creating and migrating a {vendor} test database...", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        crs = CredentialType.objects.get(code="crs")
        coordinators = Group.objects.get(name="Coordinator")
        for n in range(3):
            user = User.objects.create(email=f"coordinator{n}@example.org", password="!")
            user.groups.add(coordinators)
        print(
            f"\n{'database':<10} {'credentials':>11}  {'run':<24} {'seconds':>8} {'queries':>7} "
            f"{'in window':>9} {'messages':>8} {'digests':>7}"
        )
        seeded = 0
        with override_settings(MAILERS=DUMMY_MAIL):
            for size in sizes:
                started = time.perf_counter()
                seed(seeded, size, crs)
                seeded = size
                seed_seconds = time.perf_counter() - started
                clear_sends()
                for label, day in [
                    ("first run (14-day backlog)", DAY),
                    ("second run, same day", DAY),
                    ("next day", DAY + timedelta(days=1)),
                ]:
                    seconds, queries, result = run(day)
                    print(
                        f"{vendor:<10} {size:>11,}  {label:<24} {seconds:>8.2f} {queries:>7} "
                        f"{result.due:>9} {result.messages:>8} {result.digests_sent:>7}",
                        flush=True,
                    )
                print(f"{'':<10} {'':>11}  (seeding took {seed_seconds:.1f} s)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
