"""`make faults`: a fault drill against the running `make stack`.

Each fault is injected while wrk loads the site through nginx (a signed-in mentor's dashboard
and lesson, and the public verification page), and a probe asks for the dashboard every 0.1 s
to time the recovery. One table row per fault: requests, answers by status, socket errors, the
probe's longest answer and the time from the fault's end to the first good answer after the
last bad one, against the targets the README's "Fault drill" table names. Meanwhile learners
of the drill's own submit the first quiz again and again; at the end every submission that was
answered 2xx/3xx must be in the database (the last row).

    make faults                       every fault, full length (about 4 minutes)
    make faults FAULTS_ARGS=--short   the short drill CI runs (shorter load and lock)
    make faults FAULTS_ARGS="--only kill-worker,reload"

It restarts the stack's PostgreSQL cluster and stops its Redis: run it where nothing else
depends on them, as CI does (or give the stack its own with STACK_PG_PORT and STACK_REDIS_URL).
"""

import argparse
import http.client
import json
import mailbox
import re
import secrets
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / ".stack"
LUA = Path(__file__).with_name("faults.lua")
DRILL_EMAIL = "faults-drill@example.org"


# ----------------------------------------------------------------------------- the stack


def stack_env() -> dict[str, str]:
    """The environment the stack's processes run with (.stack/env, its secret key, the venv)."""
    if not (STACK / "env").is_file() or not list((STACK / "run").glob("app-*.pid")):
        sys.exit("The stack is not running: start it with `make stack`, then run `make faults`.")
    script = f"set -a; . {STACK / 'env'}; env -0"
    raw = subprocess.run(["bash", "-c", script], check=True, capture_output=True).stdout
    env = dict(item.split("=", 1) for item in raw.decode().split("\0") if "=" in item)
    env["SECRET_KEY"] = (STACK / "secret-key").read_text().strip()
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


def shell(env: dict[str, str], code: str) -> str:
    """Run Python in `manage.py shell` with the stack's settings; its last printed line."""
    command = [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout.strip().splitlines()[-1]


def app_masters() -> dict[str, int]:
    return {
        pidfile.stem: int(pidfile.read_text())
        for pidfile in sorted((STACK / "run").glob("app-*.pid"))
    }


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def database(env: dict[str, str]) -> tuple[str, int, str]:
    url = urllib.parse.urlsplit(env["DATABASE_URL"])
    return url.hostname or "127.0.0.1", url.port or 5432, url.path.lstrip("/")


def pg_cluster(port: int) -> tuple[str, str]:
    """The (version, name) of the PostgreSQL cluster listening on `port`."""
    for line in subprocess.run(
        ["pg_lsclusters", "-h"], capture_output=True, text=True
    ).stdout.splitlines():
        version, name, cluster_port, *_ = line.split()
        if int(cluster_port) == port:
            return version, name
    sys.exit(f"No PostgreSQL cluster on port {port} (pg_lsclusters).")


def redis_port(env: dict[str, str]) -> int:
    return urllib.parse.urlsplit(env["REDIS_URL"]).port or 6379


# ----------------------------------------------------------------------------- HTTP


class Client:
    """A browser's worth of HTTPS through nginx (self-signed certificate), cookies by hand."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.context = ssl._create_unverified_context()  # the stack's own self-signed certificate

    def request(
        self,
        method: str,
        path: str,
        form: dict | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        timeout: float = 60,
    ) -> tuple[int, bytes]:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=timeout
        )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            content_type = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Content-Type"] = content_type or "application/octet-stream"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content

    def csrf(self, path: str) -> str:
        status, html = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not match:
            raise RuntimeError(f"{path} answered {status} without a form")
        return match.group(1).decode()

    def sign_in(self, email: str, password: str) -> None:
        form = {
            "csrfmiddlewaretoken": self.csrf("/accounts/login/"),
            "username": email,
            "password": password,
        }
        status, _ = self.request("POST", "/accounts/login/", form)
        if status != 302:
            raise RuntimeError(f"the drill mentor could not sign in ({status})")


class Probe(threading.Thread):
    """Asks for one signed-in page every 0.1 s and keeps (time, status, seconds taken)."""

    def __init__(self, client: Client, path: str):
        super().__init__(daemon=True)
        self.client, self.path = client, path
        self.samples: list[tuple[float, int, float]] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            started = time.monotonic()
            try:
                status, _ = self.client.request("GET", self.path, timeout=65)
            except OSError:
                status = 0
            self.samples.append((started, status, time.monotonic() - started))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))

    def recovery(self, since: float) -> float:
        """Seconds from `since` until the first good answer after the last bad one (0: none bad)."""
        bad = [t for t, status, _ in self.samples if not 200 <= status < 400]
        if not bad:
            return 0.0
        last_bad = max(bad)
        good = [
            t + took for t, status, took in self.samples if t > last_bad and 200 <= status < 400
        ]
        return max(0.0, (min(good) if good else time.monotonic()) - since)

    def slowest(self, start: float, end: float) -> float:
        return max((took for t, _, took in self.samples if start <= t <= end), default=0.0)


class Submitter(threading.Thread):
    """Quiz submissions during a fault: the drill's own learners take the first quiz over and
    over (the drill lifts that quiz's pause and attempt limit while it runs). Keeps the attempt
    of every submission answered 2xx/3xx, which must then be in the database as submitted."""

    def __init__(self, clients: list[Client], quiz_url: str):
        super().__init__(daemon=True)
        self.clients, self.quiz_url = list(clients), quiz_url
        self.accepted: list[int] = []
        self.refused: Counter = Counter()
        self.running = True

    def run(self) -> None:
        while self.running and self.clients:
            for client in list(self.clients):
                if not self.running:
                    break
                self.submit(client)
                time.sleep(0.3)

    def submit(self, client: Client) -> None:
        try:
            status, html = client.request("GET", self.quiz_url, timeout=65)
        except OSError:
            self.refused["socket error"] += 1
            return
        attempt = re.search(rb'name="attempt" value="(\d+)"', html)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not attempt or not token:
            if status == 200:  # the quiz is closed to this learner (passed by chance)
                self.clients.remove(client)
            else:
                self.refused[status] += 1
            return
        answers: dict[str, str] = {}
        for name, value in re.findall(rb'name="(q-[^"]+)" value="([^"]+)"', html):
            answers.setdefault(name.decode(), value.decode())
        form = {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "attempt": attempt.group(1).decode(),
            **answers,
        }
        try:
            status, _ = client.request("POST", self.quiz_url, form=form, timeout=65)
        except OSError:
            self.refused["socket error"] += 1
            return
        if 200 <= status < 400:
            self.accepted.append(int(attempt.group(1)))
        else:
            self.refused[status] += 1


# ----------------------------------------------------------------------------- load


def start_load(port: int, seconds: int, paths: list[str], cookie: str) -> subprocess.Popen:
    command = [
        "wrk",
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "--timeout",
        "65s",
        "-s",
        str(LUA),
        f"https://127.0.0.1:{port}",
        "--",
        *paths,
    ]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"PATH": "/usr/bin:/bin", "FAULTS_COOKIE": cookie},
    )


@dataclass
class Load:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    socket_errors: int = 0
    p99_ms: float = 0.0

    @classmethod
    def read(cls, process: subprocess.Popen) -> "Load":
        out, _ = process.communicate()
        load = cls()
        for line in out.splitlines():
            parts = line.split()
            if parts[:2] == ["FAULTS", "status"]:
                load.statuses[int(parts[2])] += int(parts[3])
            elif parts[:2] == ["FAULTS", "requests"]:
                load.requests = int(parts[2])
            elif parts[:2] == ["FAULTS", "socket"]:
                load.socket_errors = sum(map(int, parts[2:]))
            elif parts[:2] == ["FAULTS", "p99_ms"]:
                load.p99_ms = float(parts[2])
        if not load.requests:
            raise RuntimeError(f"wrk printed no figures:\n{out}")
        return load

    def count(self, low: int, high: int) -> int:
        return sum(n for status, n in self.statuses.items() if low <= status < high)

    def failed(self) -> int:
        return self.count(500, 600) + self.count(400, 500) + self.socket_errors


# ----------------------------------------------------------------------------- the drill


@dataclass
class Row:
    fault: str
    load: Load | None
    recovery_s: float
    slowest_probe_s: float
    target: str
    met: bool
    note: str = ""


class Drill:
    def __init__(self, short: bool):
        self.short = short
        self.env = stack_env()
        self.port = int(urllib.parse.urlsplit(self.env["WAGTAILADMIN_BASE_URL"]).port or 443)
        self.seconds = 12 if short else 30
        self.rows: list[Row] = []
        self.prepare()

    def prepare(self) -> None:
        """A mentor of the drill's own, signed in, with a certificate whose PDF is rendered."""
        self.password = secrets.token_urlsafe(16)
        code = (
            "import json; from django.contrib.auth.models import Group; "
            "from django.db import transaction; from lms.accounts.models import User; "
            "from lms.training.models import LessonPage, TrackPage; "
            "from credentials.certificates.services import certificate_issue; "
            f"user = User.objects.filter(email='{DRILL_EMAIL}').first() or "
            f"User.objects.create_user(email='{DRILL_EMAIL}', "
            "first_name='Drill', last_name='Mentor'); "
            f"user.set_password('{self.password}'); user.is_active = True; user.save(); "
            "user.groups.add(Group.objects.get(name='Mentor')); "
            "track = TrackPage.objects.live().order_by('path').first(); "
            "c = transaction.atomic()(lambda: certificate_issue(user=user, track=track))(); "
            "lesson = LessonPage.objects.live().descendant_of(track).order_by('path').first(); "
            "print(json.dumps({'pk': c.pk, 'token': c.token, 'lesson': lesson.url}))"
        )
        facts = json.loads(shell(self.env, code))
        self.certificate, self.token, self.lesson = facts["pk"], facts["token"], facts["lesson"]
        self.client = Client(self.port)
        self.client.sign_in(DRILL_EMAIL, self.password)
        self.cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        self.paths = ["S:/training/dashboard/", f"S:{self.lesson}", f"A:/verify/{self.token}/"]
        self.prepare_learners()
        download = f"/certificates/{self.certificate}/certificate.pdf"
        for _ in range(120):  # the worker renders the PDF
            status, self.pdf = self.client.request("GET", download)
            if status == 200 and self.pdf.startswith(b"%PDF"):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"the certificate PDF was not ready ({status})")

    LEARNERS = 6

    def prepare_learners(self) -> None:
        """Learners of the drill's own, signed in, and the first quiz open to retakes: its pause
        and attempt limit are lifted until `finish` puts them back."""
        unique = time.time_ns()
        emails = [f"faults-learner-{unique}-{n}@example.org" for n in range(self.LEARNERS)]
        code = (
            "import json; from django.contrib.auth.models import Group; "
            "from lms.accounts.models import User; from lms.training.models import QuizPage; "
            "mentor = Group.objects.get(name='Mentor'); "
            f"emails = {emails!r}; "
            "[User.objects.create_user(email=e, first_name='Drill', last_name='Learner', "
            f"password='{self.password}').groups.add(mentor) for e in emails]; "
            "quiz = QuizPage.objects.live().order_by('path').first(); "
            "print(json.dumps({'pk': quiz.pk, 'url': quiz.url, "
            "'cooldown': quiz.cooldown_minutes, 'max': quiz.max_attempts})); "
            "QuizPage.objects.filter(pk=quiz.pk).update(cooldown_minutes=0, max_attempts=0)"
        )
        self.quiz = json.loads(shell(self.env, code))
        self.learners = []
        for email in emails:
            client = Client(self.port)
            client.sign_in(email, self.password)
            self.learners.append(client)
        self.accepted: list[int] = []
        self.refused: Counter = Counter()

    def finish(self) -> Row:
        """Put the quiz back, then look for every accepted submission in the database."""
        quiz = self.quiz
        found = int(
            shell(
                self.env,
                (
                    "from lms.training.models import QuizAttempt, QuizPage; "
                    f"QuizPage.objects.filter(pk={quiz['pk']}).update("
                    f"cooldown_minutes={quiz['cooldown']}, max_attempts={quiz['max']}); "
                    f"print(QuizAttempt.objects.filter(pk__in={sorted(set(self.accepted))!r}, "
                    "submitted_at__isnull=False).count())"
                ),
            )
        )
        accepted = len(set(self.accepted))
        refused = ", ".join(f"{n}×{status}" for status, n in sorted(self.refused.items(), key=str))
        row = Row(
            "quiz submissions during the faults",
            None,
            0.0,
            0.0,
            "every submission answered 2xx/3xx is in the database",
            accepted > 0 and found == accepted,
            f"{accepted} accepted, {found} of them in the database as submitted; "
            f"refused: {refused or 'none'}",
        )
        self.rows.append(row)
        return row

    def under_load(
        self, name: str, inject, target: str, check, seconds: int | None = None, warmup: float = 3.0
    ) -> Row:
        """Start wrk, the probe and the quiz submissions, inject after `warmup` s, then read
        the figures."""
        probe = Probe(Client(self.port), "/training/dashboard/")
        probe.client.cookies = dict(self.client.cookies)
        probe.start()
        submitter = Submitter(self.learners, self.quiz["url"])
        submitter.start()
        load = start_load(self.port, seconds or self.seconds, self.paths, self.cookie)
        time.sleep(warmup)
        injected = time.monotonic()
        note = inject() or ""
        restored = time.monotonic()
        figures = Load.read(load)
        time.sleep(0.5)
        probe.running = False
        submitter.running = False
        probe.join(timeout=70)
        submitter.join(timeout=70)
        self.learners = submitter.clients  # a learner who passed by chance drops out
        self.accepted += submitter.accepted
        self.refused += submitter.refused
        note = f"{note}; quiz submissions accepted {len(submitter.accepted)}".lstrip("; ")
        row = Row(
            name,
            figures,
            probe.recovery(restored),
            probe.slowest(injected, time.monotonic()),
            target,
            False,
            note,
        )
        row.met = check(row)
        self.rows.append(row)
        return row

    # --- the faults

    def kill_worker(self) -> Row:
        def inject():
            name, master = next(iter(app_masters().items()))
            victim = children(master)[0]
            subprocess.run(["kill", "-9", str(victim)], check=True)
            return f"kill -9 of worker {victim} of {name}"

        return self.under_load(
            "kill a worker", inject, "0 failed requests", lambda row: row.load.failed() == 0
        )

    def reload(self) -> Row:
        def inject():
            # One app server after the other, as a deploy behind a load balancer does: a request
            # a reloading server drops is retried by nginx on one that is not reloading.
            masters = app_masters()  # read first: gunicorn rewrites its pidfile on a reload
            for index, master in enumerate(masters.values()):
                if index:
                    time.sleep(3)
                subprocess.run(["kill", "-HUP", str(master)], check=True)
            return f"HUP to {len(masters)} gunicorn masters, 3 s apart"

        return self.under_load(
            "reload gunicorn", inject, "0 failed requests", lambda row: row.load.failed() == 0
        )

    def restart_postgres(self) -> Row:
        _, port, _ = database(self.env)
        version, name = pg_cluster(port)

        def inject():
            started = time.monotonic()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
                check=True,
                capture_output=True,
            )
            return f"cluster {version}/{name} down and up in {time.monotonic() - started:.2f} s"

        return self.under_load(
            "restart PostgreSQL",
            inject,
            "0 × 500; recovered within 2 s",
            lambda row: (
                row.load.count(500, 503) + row.load.count(504, 600) == 0 and row.recovery_s <= 2.0
            ),
        )

    def hold_lock(self) -> Row:
        host, port, name = database(self.env)
        hold = 10 if self.short else 35

        def inject():
            sql = (
                f"BEGIN; LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE; "
                f"SELECT pg_sleep({hold}); COMMIT;"
            )
            subprocess.run(
                ["psql", "-h", host, "-p", str(port), "-U", "postgres", "-d", name, "-qc", sql],
                check=True,
                capture_output=True,
            )
            return f"ACCESS EXCLUSIVE lock on django_session held {hold} s"

        return self.under_load(
            f"lock the session table {hold} s",
            inject,
            "no 5xx; signed-in pages answer while it is held",
            lambda row: row.load.count(500, 600) == 0 and row.slowest_probe_s < hold / 2,
            seconds=hold + 8,
        )

    def stop_redis(self) -> Row:
        port = redis_port(self.env)

        def inject():
            # Started again as before; where the stack started it, it keeps the stack's pidfile
            # (which Redis removes when it shuts down).
            pidfile = STACK / "run" / "redis.pid"
            extra = ["--pidfile", str(pidfile)] if pidfile.exists() else []
            subprocess.run(
                ["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True
            )
            time.sleep(5)
            subprocess.run(
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--daemonize",
                    "yes",
                    *extra,
                ],
                check=True,
                capture_output=True,
            )
            for _ in range(50):
                if (
                    subprocess.run(
                        ["redis-cli", "-p", str(port), "ping"], capture_output=True
                    ).returncode
                    == 0
                ):
                    break
                time.sleep(0.1)
            return f"Redis on :{port} stopped 5 s, then started again"

        return self.under_load(
            "stop Redis", inject, "0 × 500", lambda row: row.load.count(500, 600) == 0
        )

    def stop_smtp_during_sweep(self) -> Row:
        """A reminder falls due, the sink is down when the sweep runs, the sink comes back:
        the retry the sweep queued delivers it, once."""
        unique = time.time_ns()
        holder = f"faults-reminder-{unique}@example.org"
        subprocess.run(
            [str(ROOT / "deploy" / "stack.sh"), "stop-one", "smtp"], check=True, capture_output=True
        )
        code = (
            "from datetime import timedelta; from django.utils import timezone; "
            "from lms.accounts.models import User; from credentials.models import CredentialType; "
            "from credentials.services import credential_record_save; "
            "from credentials.tasks import send_credential_reminders; "
            "from lms.ops.models import ScheduledRun; "
            "from lms.ops.scheduling import REMINDER_SWEEP; "
            "today = timezone.localdate(); "
            f"user = User.objects.create_user(email='{holder}', first_name='Rem'); "
            "credential_record_save(holder=user, "
            f"credential_type=CredentialType.objects.get(code='crs'), number='CRS-{unique}', "
            "issue_date=today - timedelta(days=700), expiry_date=today + timedelta(days=30)); "
            "ScheduledRun.objects.filter(job=REMINDER_SWEEP, day=today).delete(); "
            "print(send_credential_reminders.enqueue().id)"
        )
        task_id = shell(self.env, code)
        done = (
            "from django_tasks_db.models import DBTaskResult; "
            f"print(DBTaskResult.objects.get(id='{task_id}').status)"
        )
        deadline = time.monotonic() + 120
        while shell(self.env, done) not in ("SUCCESSFUL", "FAILED"):
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not run the sweep within 120 s")
            time.sleep(1)
        failed_first = shell(
            self.env,
            (
                "from credentials.models import ReminderSend; "
                f"print(ReminderSend.objects.filter(record__holder__email='{holder}', "
                "status='failed').count())"
            ),
        )
        subprocess.run(
            [str(ROOT / "deploy" / "stack.sh"), "start-one", "smtp"],
            check=True,
            capture_output=True,
        )
        time.sleep(1)
        # The retry the sweep queued for 10 minutes from now is brought forward to now.
        shell(
            self.env,
            (
                "from django.utils import timezone; "
                "from django_tasks_db.models import DBTaskResult; "
                "DBTaskResult.objects.filter(task_path__endswith='retry_undelivered_reminders', "
                "status='READY').update(run_after=timezone.now()); print('ok')"
            ),
        )
        deadline = time.monotonic() + 120
        while not self.delivered_to(holder) and time.monotonic() < deadline:
            time.sleep(1)
        time.sleep(3)  # anything sent twice would arrive by now
        delivered = self.delivered_to(holder)
        row = Row(
            "stop SMTP during a sweep",
            None,
            0.0,
            0.0,
            "every reminder delivered once after it returns",
            delivered == 1,
            f"{failed_first} reminder refused while the sink was down; "
            f"{delivered} delivered after it returned",
        )
        self.rows.append(row)
        return row

    @staticmethod
    def delivered_to(address: str) -> int:
        box = mailbox.Maildir(STACK / "mail", create=False)
        return sum(1 for message in box if address in (message["To"] or ""))

    def delete_pdf(self) -> Row:
        path = shell(
            self.env,
            (
                "from credentials.models import Certificate; "
                f"print(Certificate.objects.get(pk={self.certificate}).pdf.path)"
            ),
        )
        Path(path).unlink()
        download = f"/certificates/{self.certificate}/certificate.pdf"
        status, _ = self.client.request("GET", download)
        notes = [f"download of the missing PDF answered {status}"]
        regenerated = shell(
            self.env,
            (
                "from credentials.certificates import rendering; "
                "print(hasattr(rendering, 'certificate_pdf_regenerate'))"
            ),
        )
        old_verifies = False
        if regenerated == "True":
            shell(
                self.env,
                (
                    "from credentials.models import Certificate; "
                    "from credentials.certificates.rendering import certificate_pdf_regenerate; "
                    f"certificate = Certificate.objects.get(pk={self.certificate}); "
                    "certificate_pdf_regenerate(certificate=certificate, by=None); print('ok')"
                ),
            )
            for _ in range(60):
                again, _ = self.client.request("GET", download)
                if again == 200:
                    break
                time.sleep(0.5)
            notes.append(f"after regeneration {again}")
            old_verifies = self.verify_upload(self.pdf)
            notes.append(
                f"the earlier download {'verifies' if old_verifies else 'does not verify'}"
            )
        else:
            notes.append("no regeneration service on this build")
        row = Row(
            "delete a certificate PDF",
            None,
            0.0,
            0.0,
            "404, then regeneration that still verifies old downloads",
            status == 404 and old_verifies,
            "; ".join(notes),
        )
        self.rows.append(row)
        return row

    def verify_upload(self, pdf: bytes) -> bool:
        visitor = Client(self.port)
        token = visitor.csrf("/verify/")
        boundary = secrets.token_hex(12)
        body = (
            (
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="certificate.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + pdf
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, html = visitor.request(
            "POST",
            "/verify/pdf/",
            body=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        return status == 302  # a match leads to the certificate's page; no match is a 404

    # --- the table

    def print_table(self) -> None:
        print()
        print(
            "| fault | requests | 2xx/3xx | 4xx | 5xx | socket errors | slowest probe | "
            "recovered after | target | met |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for row in self.rows:
            print(self.table_line(row))
        print()
        for row in self.rows:
            if row.note:
                print(f"- {row.fault}: {row.note}")

    @staticmethod
    def table_line(row: Row) -> str:
        load = row.load
        if load:
            fives = ", ".join(f"{n}×{s}" for s, n in sorted(load.statuses.items()) if s >= 500)
            cells = [
                f"{load.requests:,}",
                f"{load.count(200, 400):,}",
                f"{load.count(400, 500):,}",
                fives or "0",
                str(load.socket_errors),
                f"{row.slowest_probe_s:.2f} s",
                f"{row.recovery_s:.2f} s",
            ]
        else:
            cells = ["–"] * 7
        met = "yes" if row.met else "NO"
        return f"| {row.fault} | " + " | ".join(cells) + f" | {row.target} | {met} |"


FAULTS = {
    "kill-worker": Drill.kill_worker,
    "reload": Drill.reload,
    "restart-postgres": Drill.restart_postgres,
    "lock": Drill.hold_lock,
    "stop-redis": Drill.stop_redis,
    "stop-smtp": Drill.stop_smtp_during_sweep,
    "delete-pdf": Drill.delete_pdf,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="the short drill CI runs")
    parser.add_argument("--only", help="comma-separated faults: " + ", ".join(FAULTS))
    parser.add_argument(
        "--strict",
        help="comma-separated faults (and 'submissions', the quiz submissions made during the "
        "faults) whose missed target fails the run",
    )
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(FAULTS)
    unknown = [name for name in chosen if name not in FAULTS]
    if unknown:
        parser.error(f"unknown fault {', '.join(unknown)}; choose from {', '.join(FAULTS)}")
    started = time.monotonic()
    drill = Drill(short=args.short)
    names = []
    try:
        for name in chosen:
            print(f"[faults] {name} …", flush=True)
            row = FAULTS[name](drill)
            names.append(name)
            print(f"[faults] {drill.table_line(row)}  {row.note}", flush=True)
            time.sleep(2)  # let the stack settle before the next fault
    finally:
        row = drill.finish()  # puts the quiz back whatever happened
        names.append("submissions")
        print(f"[faults] {drill.table_line(row)}  {row.note}", flush=True)
    drill.print_table()
    print(f"\nThe drill took {time.monotonic() - started:.0f} s.")
    strict = set(args.strict.split(",")) if args.strict else set()
    missed = [
        name for name, row in zip(names, drill.rows, strict=True) if not row.met and name in strict
    ]
    if missed:
        print(f"Targets missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
