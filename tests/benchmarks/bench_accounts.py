"""Benchmark: does registration, password reset or a coordinator's invitation answer faster for a
known address than for an unknown one? Prints median response times and their ratio; asserts
nothing.

    .venv/bin/python tests/benchmarks/bench_accounts.py [--trials 50]

Full requests through Django's middleware and views (the test client, in process, so network
noise stays out), with production's password hasher (PBKDF2) and production's task backend
(django-tasks-db: the request enqueues, the worker mails). Known and unknown trials alternate in a
shuffled order, each with its own address, so drift on a busy machine falls on both alike. A
second round runs the tasks inline (as in dev and tests) for comparison: there the worker's work
is inside the request. The target, production's: medians within 20 %.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from lms.accounts.models import User  # noqa: E402
from lms.accounts.roles import Role  # noqa: E402
from lms.accounts.services import user_add_role  # noqa: E402

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
INLINE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


def form(endpoint: str, email: str) -> dict:
    if endpoint == "register":
        return {"first_name": "Bench", "last_name": "Mark", "email": email}
    return {"email": email}


# The invitation page answers with the page itself (it tells the coordinator which it was); the
# public pages redirect to the same "check your email" page for every address.
EXPECTED_STATUS = {"register": 302, "password_reset": 302, "invitation_new": 200}


def measure(endpoint: str, trials: int, known: list[str], coordinator) -> dict[str, float]:
    """Median milliseconds per request for known and unknown addresses, interleaved."""
    client = Client()
    if endpoint == "invitation_new":
        client.force_login(coordinator)
    url = reverse(endpoint)
    order = [("known", i) for i in range(trials)] + [("unknown", i) for i in range(trials)]
    random.Random(11).shuffle(order)
    for i in range(5):  # warm caches, templates and the connection
        client.post(url, form(endpoint, known[i]))
        client.post(url, form(endpoint, f"warm{i:03d}@example.org"))
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for kind, i in order:
        # Addresses of one length: checking an address takes time in proportion to its length.
        email = known[i] if kind == "known" else f"new-{i:03d}-{endpoint[:2]}@example.org"
        started = time.perf_counter()
        response = client.post(url, form(endpoint, email))
        times[kind].append((time.perf_counter() - started) * 1000)
        assert response.status_code == EXPECTED_STATUS[endpoint], (endpoint, kind, response)
    return {kind: statistics.median(values) for kind, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    args = parser.parse_args()

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        # Every trial comes from one client: the per-client sign-up limit is lifted here.
        with override_settings(
            PASSWORD_HASHERS=PRODUCTION_HASHERS, MAILERS=DUMMY_MAIL, SIGN_UP_REQUESTS_PER_HOUR=10**6
        ):
            password = make_password("bench-known-password")
            known = [f"old-{i:03d}-xx@example.org" for i in range(args.trials)]
            User.objects.bulk_create(
                User(email=email, first_name="Known", password=password) for email in known
            )
            coordinator = User.objects.create_user(email="coordinator-bench@example.org")
            user_add_role(user=coordinator, role=Role.COORDINATOR)
            rows = []
            for label, tasks in (("worker (production)", WORKER), ("inline (dev, tests)", INLINE)):
                with override_settings(TASKS=tasks):
                    for endpoint in EXPECTED_STATUS:
                        medians = measure(endpoint, args.trials, known, coordinator)
                        ratio = max(medians.values()) / min(medians.values())
                        rows.append((label, endpoint, medians["known"], medians["unknown"], ratio))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"\nMedian response time over {args.trials} trials each (ms)")
    header = f"{'tasks':<22}{'endpoint':<16}{'known':>9}{'unknown':>9}{'ratio':>8}  target"
    print(header)
    print("-" * len(header))
    for label, endpoint, known_ms, unknown_ms, ratio in rows:
        target = ("met" if ratio <= 1.2 else "MISSED") if label.startswith("worker") else "-"
        print(f"{label:<22}{endpoint:<16}{known_ms:>9.2f}{unknown_ms:>9.2f}{ratio:>8.2f}  {target}")
    print("ratio: slower median / faster median; target (production): <= 1.20")
    return 0


if __name__ == "__main__":
    sys.exit(main())
