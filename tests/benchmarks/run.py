#!/usr/bin/env python
"""`make bench`: seed a large dataset, serve it with gunicorn, load it with wrk, print figures.

Side by side in one run, rounds interleaved (these machines are noisy): a bare Django view (the
ceiling), a stock Wagtail page on the same base template (the anchor), the lesson page and the
dashboard as a signed-in mentor, the coordinator's program dashboard over 1,000 active pairs,
certificate verification and a certificate download. Also SQL
queries per page at 1x and 10x data, certificate render time against a WeasyPrint hello-world,
and the reminder sweep. The same figures go to bench-results/bench.json.

Two topologies (--topology): `sqlite` (default) serves a fresh SQLite file with gunicorn here;
`stack` loads a running `make stack` (started with STACK_SETTINGS=lms.settings.bench_stack) through
nginx over https: PostgreSQL, Redis shared by two app servers, private files sent by nginx.
Both report each app server's memory after the run; --merge adds the result to an existing JSON.
"""

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-results"
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
os.environ.setdefault("BENCH_DB", str(OUT / "bench.sqlite3"))

from tests.benchmarks.stackenv import read_env_file  # noqa: E402 - after the path is set
from tests.benchmarks.wrk import wrk  # noqa: E402

FULL = {
    "mentors": 2000,
    "modules": 70,
    "attempts": 100_000,
    "credentials": 100_000,
    "active pairs": 1000,
}
BENCH_MENTOR = "bench-mentor@example.org"
BENCH_COORDINATOR = "bench-coordinator@example.org"
CHECKINS_PER_PAIR = 3


def log(message: str) -> None:
    print(message, flush=True)


# --- data -------------------------------------------------------------------------------------


def prepare_database() -> None:
    if Path(os.environ["BENCH_DB"]).exists():
        Path(os.environ["BENCH_DB"]).unlink()
    OUT.mkdir(exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    from django.core.cache import cache

    cache.clear()  # the bench's own Redis database: nothing from an earlier run
    call_command("migrate", "--noinput", verbosity=0)
    call_command("setup_site", stdout=open(os.devnull, "w"))  # noqa: SIM115


def stack_environment() -> dict:
    """Point this process at the running stack: its environment file, secret key and database."""
    directory = ROOT / ".stack"
    env_file = directory / "env"
    if not env_file.exists():
        raise SystemExit("No running stack: start one with `make stack` first (see the README).")
    os.environ.update(read_env_file(env_file))
    os.environ["SECRET_KEY"] = (directory / "secret-key").read_text().strip()
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench_stack"
    import django

    django.setup()
    port = os.environ.get("STACK_HTTPS_PORT", "8443")
    app_ports = os.environ.get("STACK_APP_PORTS", "8101 8102").split()
    return {
        "base": f"https://127.0.0.1:{port}",
        "pidfiles": {f"app server :{p}": directory / "run" / f"app-{p}.pid" for p in app_ports},
    }


def stock_page():
    """A plain Wagtail StandardPage with about a lesson's worth of text: the anchor."""
    from content.models import HomePage, StandardPage
    from lms.training.models import LessonPage

    lesson = LessonPage.objects.live().order_by("path").first()
    home = HomePage.objects.get()
    page = StandardPage.objects.filter(slug="about").first()
    if page is None:
        page = StandardPage(
            title="About the program", slug="about", summary="About us", body=lesson.body.raw_data
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def bench_track(n_modules: int):
    """Extra modules (with a one-question quiz each) so the track count reaches n_modules."""
    from lms.training.models import ModulePage, QuizPage, TrackPage, TrainingIndexPage

    have = ModulePage.objects.live().count()
    if have >= n_modules:
        return
    index = TrainingIndexPage.objects.get()
    track = TrackPage.objects.filter(slug="bench-track").first()
    if track is None:
        track = TrackPage(
            title="Bench track", slug="bench-track", summary="Load test", certificate_title="Bench"
        )
        index.add_child(instance=track)
        track.save_revision().publish()
    question = {
        "type": "question",
        "value": {
            "kind": "single",
            "text": "Pick A",
            "lesson": None,
            "choices": [
                {"type": "item", "value": {"text": "A", "correct": True, "feedback": "Yes."}},
                {"type": "item", "value": {"text": "B", "correct": False, "feedback": "No."}},
            ],
        },
    }
    for i in range(have, n_modules):
        module = ModulePage(
            title=f"Bench module {i}",
            slug=f"bench-module-{i}",
            summary="S",
            objectives="O",
            hours=Decimal("1.0"),
        )
        track.add_child(instance=module)
        module.save_revision().publish()
        quiz = QuizPage(
            title=f"Bench quiz {i}", slug=f"bench-quiz-{i}", pass_mark=50, questions=[question]
        )
        module.add_child(instance=quiz)
        quiz.save_revision().publish()


def seed(scale: float) -> dict:
    """Grow the dataset to `scale` times FULL; returns the counts reached."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from lms.accounts.models import User
    from lms.accounts.roles import Role
    from lms.training.models import QuizAttempt, QuizPage
    from lms.training.questions import quiz_questions

    target = {key: int(value * scale) for key, value in FULL.items()}
    bench_track(max(target["modules"], 7))
    mentor_group = Group.objects.get(name=Role.MENTOR)
    password = make_password("bench-password")
    existing = User.objects.filter(email__startswith="mentor-").count()
    users = [
        User(
            email=f"mentor-{i:05d}@example.org",
            first_name="Bench",
            last_name=str(i),
            password=password,
        )
        for i in range(existing, target["mentors"])
    ]
    User.objects.bulk_create(users, batch_size=1000)
    memberships = User.groups.through
    new_ids = User.objects.filter(email__startswith="mentor-", groups__isnull=True)
    memberships.objects.bulk_create(
        [
            memberships(user_id=pk, group_id=mentor_group.pk)
            for pk in new_ids.values_list("pk", flat=True)
        ],
        batch_size=1000,
    )
    mentor, _ = User.objects.get_or_create(email=BENCH_MENTOR, defaults={"first_name": "Bench"})
    mentor.groups.add(mentor_group)

    quizzes = list(QuizPage.objects.live().order_by("path"))
    keys = {}
    for quiz in quizzes:
        questions = quiz_questions(quiz)
        keys[quiz.pk] = (quiz.live_revision_id, questions)
    mentor_ids = list(
        User.objects.filter(email__startswith="mentor-").order_by("pk").values_list("pk", flat=True)
    )
    have = QuizAttempt.objects.count()
    numbers: dict[tuple[int, int], int] = {}
    for user_id, quiz_id, number in QuizAttempt.objects.values_list("user_id", "quiz_id", "number"):
        numbers[(user_id, quiz_id)] = max(number, numbers.get((user_id, quiz_id), 0))
    rng = random.Random(7)
    now = timezone.now()
    batch = []
    for i in range(have, target["attempts"]):
        user_id = mentor_ids[i % len(mentor_ids)]
        quiz = quizzes[(i // len(mentor_ids)) % len(quizzes)]
        number = numbers.get((user_id, quiz.pk), 0) + 1
        numbers[(user_id, quiz.pk)] = number
        revision_id, questions = keys[quiz.pk]
        answers = {q.id: [rng.choice(q.choices).id] for q in questions[:8]}
        right = sum(1 for q in questions[:8] if set(answers[q.id]) == q.correct_ids)
        score = Decimal(100 * right / max(len(answers), 1)).quantize(Decimal("0.01"))
        batch.append(
            QuizAttempt(
                user_id=user_id,
                quiz_id=quiz.pk,
                revision_id=revision_id,
                number=number,
                question_ids=list(answers),
                choice_order={},
                answers=answers,
                score=score,
                passed=score >= quiz.pass_mark,
                started_at=now - timedelta(minutes=i % 5000),
                submitted_at=now - timedelta(minutes=i % 5000),
            )
        )
        if len(batch) == 5000:
            QuizAttempt.objects.bulk_create(batch)
            batch = []
    QuizAttempt.objects.bulk_create(batch)
    mentor_progress(mentor, quizzes)
    credentials = seed_credentials(target["credentials"], mentor_ids)
    pairs = seed_pairs(target["active pairs"], mentor_ids)
    return {**target, "modules": len(quizzes), "credentials": credentials, "active pairs": pairs}


def seed_pairs(count: int, mentor_ids: list[int]) -> int:
    """Active pairs (a mentee each, spread over the mentors), paired over the last 120 days,
    with CHECKINS_PER_PAIR check-ins each; and the coordinator who reads the dashboard."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from lms.accounts.models import User
    from lms.accounts.roles import Role
    from lms.mentorship.choices import MeetingFormat
    from lms.mentorship.models import CheckIn, Pairing

    coordinator, _ = User.objects.get_or_create(
        email=BENCH_COORDINATOR, defaults={"first_name": "Bench", "is_staff": True}
    )
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    mentee_group = Group.objects.get(name=Role.MENTEE)
    have = Pairing.objects.active().count()
    if count <= have:
        return have
    User.objects.bulk_create(
        [
            User(email=f"mentee-{i:05d}@example.org", first_name="Mentee")
            for i in range(have, count)
        ],
        batch_size=1000,
    )
    new = list(
        User.objects.filter(email__startswith="mentee-", groups__isnull=True).values_list(
            "pk", flat=True
        )
    )
    memberships = User.groups.through
    memberships.objects.bulk_create(
        [memberships(user_id=pk, group_id=mentee_group.pk) for pk in new], batch_size=1000
    )
    today = timezone.localdate()
    pairs = Pairing.objects.bulk_create(
        [
            Pairing(
                mentor_id=mentor_ids[(have + n) % len(mentor_ids)],
                mentee_id=mentee_id,
                paired_on=today - timedelta(days=(have + n) % 120 + 7),
                confirmed_by=coordinator,
            )
            for n, mentee_id in enumerate(new)
        ],
        batch_size=1000,
    )
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                pairing=pair,
                met_on=pair.paired_on + timedelta(days=2 * k),
                duration_minutes=45,
                format=MeetingFormat.VIDEO,
                logged_by_id=pair.mentor_id,
                logged_at=timezone.now(),
            )
            for pair in pairs
            for k in range(CHECKINS_PER_PAIR)
        ],
        batch_size=2000,
    )
    return Pairing.objects.active().count()


def mentor_progress(mentor, quizzes) -> None:
    """The measured mentor has tried every quiz once; grows with the number of modules."""
    from django.utils import timezone

    from lms.training.models import QuizAttempt

    have = set(QuizAttempt.objects.filter(user=mentor).values_list("quiz_id", flat=True))
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                user=mentor,
                quiz=quiz,
                revision_id=quiz.live_revision_id,
                number=1,
                question_ids=[],
                choice_order={},
                answers={},
                score=Decimal(0),
                passed=False,
                submitted_at=timezone.now(),
            )
            for quiz in quizzes
            if quiz.pk not in have
        ]
    )


def seed_credentials(count: int, mentor_ids: list[int]) -> int:
    """CRS credentials (one holder each) with expiry dates spread over 1,200 days."""
    from credentials.models import CredentialRecord, CredentialType
    from tests.benchmarks import bench_reminders

    have = CredentialRecord.objects.count()
    if count > have:
        bench_reminders.seed(have, count, CredentialType.objects.get(code="crs"))
    return CredentialRecord.objects.count()


# --- measurements -------------------------------------------------------------------------------


def endpoints() -> dict[str, dict]:
    """Each page under test: its path and whether it is requested signed in."""
    from lms.training.models import LessonPage

    lesson = LessonPage.objects.live().order_by("path").first()
    module = lesson.get_parent()
    pages = {
        "bare view": {"path": "/bench/bare/", "signed_in": False},
        "stock Wagtail page": {"path": stock_page().url, "signed_in": False},
        "lesson page": {"path": lesson.url, "signed_in": True},
        "module page": {"path": module.url, "signed_in": True},
        "dashboard": {"path": "/training/dashboard/", "signed_in": True},
        "quiz (open attempt)": {"path": open_quiz_path(module), "signed_in": True},
        "coordinator dashboard": {
            "path": "/program/coordinator/",
            "signed_in": True,
            "user": BENCH_COORDINATOR,
        },
    }
    pages.update(certificate_endpoints())
    return pages


def open_quiz_path(module) -> str:
    """The first module's quiz, with an attempt open for the measured mentor (their seeded
    attempts are moved a day back, out of any cool-down, and attempts granted if limited)."""
    from django.utils import timezone

    from lms.accounts.models import User
    from lms.training import services
    from lms.training.models import QuizAttempt, QuizAttemptGrant, QuizPage

    mentor = User.objects.get(email=BENCH_MENTOR)
    quiz = QuizPage.objects.child_of(module).live().get()
    QuizAttempt.objects.filter(user=mentor, quiz=quiz, submitted_at__isnull=False).update(
        submitted_at=timezone.now() - timedelta(days=1)
    )
    if quiz.max_attempts and not QuizAttemptGrant.objects.filter(user=mentor, quiz=quiz):
        services.quiz_attempts_grant(
            user=mentor, quiz=quiz, attempts=100, reason="Benchmark", granted_by=mentor
        )
    services.quiz_attempt_start(user=mentor, quiz=quiz)
    return quiz.url


def certificate_endpoints() -> dict[str, dict]:
    try:
        from tests.benchmarks.bench_certificates import endpoints as cert_endpoints
    except ImportError:
        return {}
    return cert_endpoints(mentor_email=BENCH_MENTOR)


def _client():
    from django.conf import settings
    from django.test import Client

    # The stack's settings allow only its own host and answer plain http with a redirect.
    secure = not settings.DEBUG and getattr(settings, "SECURE_SSL_REDIRECT", False)
    https = {"wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https"} if secure else {}
    return Client(HTTP_HOST="127.0.0.1", **https)


def sign_in(client, email: str) -> None:
    """Sign the client in as this bench user. Staff (the coordinator) hold an authenticator and
    this session has passed it, as production requires of staff (STAFF_MFA_REQUIRED): their
    requests pay for the second-factor check too."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.accounts.models import User

    user = User.objects.get(email=email)
    client.force_login(user)
    if user.is_staff:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Bench authenticator"}
        )
        user.second_factor_enrolled = True
        user.save(update_fields=["second_factor_enrolled"])
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def session_cookie(email: str = BENCH_MENTOR) -> str:
    """`name=value` of a signed-in session for the measured mentor (or another bench user)."""
    from django.conf import settings

    client = _client()
    sign_in(client, email)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def query_counts(pages: dict[str, dict]) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, spec in pages.items():
        client = _client()
        if spec["signed_in"]:
            sign_in(client, spec.get("user", BENCH_MENTOR))
        client.get(spec["path"])  # warm caches and the session's first write
        with CaptureQueriesContext(connection) as queries:
            response = client.get(spec["path"])
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def serve(workers: int):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "tests.benchmarks.wsgi",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/bench/bare/", timeout=2)  # noqa: S310 - local
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def process_tree_mb(pid: int) -> float:
    """Resident memory of a gunicorn master and its workers, in MB (Linux /proc)."""
    pids = [pid]
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    pids += [int(child) for child in children]
    total_kb = 0
    for each in pids:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total_kb += int(match[1]) if match else 0
    return round(total_kb / 1024, 1)


def load_rounds(base: str, pages: dict, *, rounds: int, seconds: int, connections: int) -> dict:
    cookies = {
        name: session_cookie(spec.get("user", BENCH_MENTOR))
        for name, spec in pages.items()
        if spec["signed_in"]
    }
    samples: dict[str, list[dict]] = {name: [] for name in pages}
    for number in range(1, rounds + 1):
        for name, spec in pages.items():
            samples[name].append(
                wrk(
                    base + spec["path"],
                    seconds=seconds,
                    connections=connections,
                    cookie=cookies.get(name),
                )
            )
        log(
            f"  round {number}/{rounds}: "
            + ", ".join(f"{n} {samples[n][-1]['rps']:.0f}/s" for n in pages)
        )
    return {
        name: {
            "rps": statistics.median(s["rps"] for s in runs),
            "p50_ms": statistics.median(s["p50_ms"] for s in runs),
            "p99_ms": statistics.median(s["p99_ms"] for s in runs),
            "errors": sum(s["errors"] for s in runs),
            "rounds_rps": [round(s["rps"], 1) for s in runs],
        }
        for name, runs in samples.items()
    }


def extra_figures() -> dict:
    figures = {}
    try:
        from tests.benchmarks.bench_certificates import render_figures
    except ImportError:
        pass
    else:
        figures["certificate_render"] = render_figures()
        from tests.benchmarks.bench_certificates import openbadge_figures

        figures["openbadge_sign_verify"] = openbadge_figures()
    figures["reminder_sweep"] = sweep_figures()
    return figures


def sweep_figures() -> dict:
    """The daily reminder sweep over every seeded credential: first run and a rerun."""
    from django.test import override_settings

    from tests.benchmarks import bench_reminders

    with override_settings(MAILERS=bench_reminders.DUMMY_MAIL):
        first_seconds, first_queries, first = bench_reminders.run(bench_reminders.DAY)
        again_seconds, again_queries, again = bench_reminders.run(bench_reminders.DAY)
    return {
        "first_run_seconds": round(first_seconds, 2),
        "first_run_queries": first_queries,
        "messages": first.messages,
        "rerun_seconds": round(again_seconds, 2),
        "rerun_queries": again_queries,
        "rerun_messages": again.messages,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topology", choices=["sqlite", "stack"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (sqlite only)")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the full dataset")
    parser.add_argument("--out", default=str(OUT / "bench.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        log("wrk is needed: apt-get install -y wrk")
        return 1

    started = time.monotonic()
    stack = None
    if args.topology == "stack":
        log("Measuring the running stack (PostgreSQL, Redis, two app servers, nginx)...")
        OUT.mkdir(exist_ok=True)
        stack = stack_environment()
    else:
        log("Preparing the database (migrate, content, curriculum)...")
        prepare_database()
    log("Seeding 1x (a tenth of the full dataset)...")
    small = seed(args.scale / 10)
    pages = endpoints()
    queries_small = query_counts(pages)
    log(f"Seeding 10x ({args.scale:g} of the full dataset)...")
    full = seed(args.scale)
    pages = endpoints()
    queries_full = query_counts(pages)

    if stack is not None:
        log(f"Loading {stack['base']} with wrk (through nginx)...")
        load = load_rounds(
            stack["base"],
            pages,
            rounds=args.rounds,
            seconds=args.seconds,
            connections=args.connections,
        )
        memory = {
            name: process_tree_mb(int(pidfile.read_text()))
            for name, pidfile in stack["pidfiles"].items()
        }
        extra: dict = {}
    else:
        log(f"Serving with gunicorn ({args.workers} workers), loading with wrk...")
        process, base = serve(args.workers)
        try:
            load = load_rounds(
                base,
                pages,
                rounds=args.rounds,
                seconds=args.seconds,
                connections=args.connections,
            )
            memory = {"app server": process_tree_mb(process.pid)}
        finally:
            process.terminate()
            process.wait(timeout=10)
        extra = extra_figures()

    bare, stock = load["bare view"]["rps"], load["stock Wagtail page"]["rps"]
    rows = []
    for name in pages:
        figures = load[name]
        rows.append(
            {
                "page": name,
                **figures,
                "vs_stock": figures["rps"] / stock,
                "vs_bare": figures["rps"] / bare,
                "queries_1x": queries_small[name],
                "queries_10x": queries_full[name],
            }
        )
    targets = {
        f"{page} >= 1.0x stock": load[page]["rps"] / stock >= 1.0
        for page in ("lesson page", "module page", "dashboard")
    }
    targets["quiz (open attempt) >= 0.5x stock"] = load["quiz (open attempt)"]["rps"] / stock >= 0.5
    targets["coordinator dashboard (1,000 active pairs) >= 0.5x stock"] = (
        load["coordinator dashboard"]["rps"] / stock >= 0.5
    )
    targets["query counts equal at 1x and 10x"] = queries_small == queries_full
    if "verification page" in load:
        targets["verification >= 0.7x bare"] = load["verification page"]["rps"] / bare >= 0.7
    if "certificate download" in load and stack is not None:
        targets["download >= 0.5x bare"] = load["certificate download"]["rps"] / bare >= 0.5
    result = {
        "topology": args.topology,
        "dataset_1x": small,
        "dataset_10x": full,
        "rows": rows,
        "targets": targets,
        "app_server_memory_mb": memory,
        "settings": vars(args),
        "cores": os.cpu_count(),
        **extra,
        "seconds": round(time.monotonic() - started, 1),
    }
    # One file keeps both topologies: each run replaces its own entry.
    out = Path(args.out)
    previous = json.loads(out.read_text()) if out.exists() else {}
    if not isinstance(previous, dict) or "rows" in previous:
        previous = {}
    previous[args.topology] = result
    out.write_text(json.dumps(previous, indent=2, default=str))
    print_table(result)
    log(f"\nWritten to {args.out} (key {args.topology!r})")
    return 0


def print_table(result: dict) -> None:
    header = (
        f"{'page':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x stock':>9}{'x bare':>8}"
        f"{'SQL 1x':>8}{'SQL 10x':>8}"
    )
    log("\n" + header)
    log("-" * len(header))
    for row in result["rows"]:
        log(
            f"{row['page']:<22}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['vs_stock']:>9.2f}{row['vs_bare']:>8.2f}{row['queries_1x']:>8}{row['queries_10x']:>8}"
        )
    log(f"\nDataset 1x: {result['dataset_1x']}\nDataset 10x: {result['dataset_10x']}")
    log(f"Memory after the run (MB, master and workers): {result['app_server_memory_mb']}")
    for key in ("certificate_render", "openbadge_sign_verify", "reminder_sweep"):
        if key in result:
            log(f"{key.replace('_', ' ').capitalize()}: {result[key]}")
    for target, met in result["targets"].items():
        log(f"target {target}: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
