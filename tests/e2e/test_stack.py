"""The production topology's own promises, checked on `make stack` (E2E_STACK=1 only; these run
before the rest of the suite, while both app servers are up):

- a revocation made through app server A answers "revoked" through app server B at once, even
  when B had the "valid" answer cached a moment before;
- the worker, not the web process, renders a new certificate's PDF;
- the scheduler's reminder sweep delivers each reminder to the SMTP sink exactly once, however
  often the scheduler starts.
"""

import http.client
import json
import mailbox
import re
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from http.cookies import SimpleCookie

from tests.e2e.conftest import DEMO_PASSWORD, ROOT, STACK_APP_PORTS, STACK_DIR

COORDINATOR = "coordinator@example.org"


def _shell(server, code: str) -> str:
    command = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=server["env"], check=True, capture_output=True)
    return result.stdout.decode().strip().splitlines()[-1]


class AppServer:
    """One gunicorn app server spoken to directly, as nginx does (plain http with the proxy's
    headers). Cookies are kept by hand: they are Secure, and this leg is not https."""

    def __init__(self, port: str):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", int(self.port), timeout=60)
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "https://127.0.0.1"
            headers["Referer"] = f"https://127.0.0.1{path}"
            body = urllib.parse.urlencode(form)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, text

    def csrf(self, path: str) -> str:
        status, html = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, email: str) -> None:
        token = self.csrf("/accounts/login/")
        form = {"csrfmiddlewaretoken": token, "username": email, "password": DEMO_PASSWORD}
        status, _ = self.request("POST", "/accounts/login/", form)
        assert status == 302, f"sign-in on app server {self.port} answered {status}"


def _new_certificate(server) -> tuple[int, str]:
    """A mentor of its own with a certificate issued through the service (its PDF is left to
    the worker, as for every certificate)."""
    code = (
        "from django.db import transaction; "
        "from lms.accounts.models import User; from lms.training.models import TrackPage; "
        "from credentials.certificates.services import certificate_issue; "
        "user = User.objects.create_user(email=f'stack-{User.objects.count()}@example.org', "
        "first_name='Stack', last_name='Holder'); "
        "track = TrackPage.objects.live().first(); "
        "c = transaction.atomic()(lambda: certificate_issue(user=user, track=track))(); "
        "print(c.pk, c.token)"
    )
    pk, token = _shell(server, code).split()
    return int(pk), token


def _verify_status(app: AppServer, token: str) -> str:
    status, text = app.request("GET", f"/verify/{token}.json")
    assert status == 200, status
    return json.loads(text)["status"]


def test_a_revocation_through_one_app_server_answers_revoked_through_the_other(server):
    a, b = AppServer(STACK_APP_PORTS[0]), AppServer(STACK_APP_PORTS[-1])
    assert a.port != b.port
    pk, token = _new_certificate(server)
    # B answers "valid" and keeps that answer in the shared cache.
    assert _verify_status(b, token) == "valid"
    assert _verify_status(b, token) == "valid"

    a.sign_in(COORDINATOR)
    path = f"/admin/certificates/action/{pk}/revoke/"
    form = {
        "csrfmiddlewaretoken": a.csrf(path),
        "category": "issued_in_error",
        "reason": "Issued for the stack check",
        "confirmed": "1",
    }
    status, text = a.request("POST", path, form)
    assert status == 302, text[:2000]
    revoked_at = time.monotonic()
    assert _verify_status(b, token) == "revoked"
    print(
        f"\n[stack] revoked through :{a.port}; :{b.port} said so "
        f"{(time.monotonic() - revoked_at) * 1000:.0f} ms later, on its next request"
    )


def test_the_worker_renders_each_new_certificate_pdf(server):
    pk, _ = _new_certificate(server)
    code = (
        "from credentials.models.certificates import Certificate; "
        "from django_tasks_db.models import DBTaskResult; "
        f"c = Certificate.objects.get(pk={pk}); "
        "r = DBTaskResult.objects.filter(task_path__endswith='render_certificate')"
        f".filter(args_kwargs__args=[{pk}]).first(); "
        "print(bool(c.pdf) and len(c.pdf_sha256) == 64, r.status if r else 'NONE', "
        "c.pdf.size if c.pdf else 0)"
    )
    started = time.monotonic()
    while True:
        rendered, status, size = _shell(server, code).split()
        if rendered == "True" or time.monotonic() - started > 60:
            break
        time.sleep(0.5)
    print(
        f"\n[stack] the worker rendered the PDF ({size} bytes) within "
        f"{time.monotonic() - started:.1f} s; task {status}"
    )
    assert rendered == "True"
    assert status == "SUCCESSFUL"


def _sink_messages() -> dict[str, str]:
    """Key -> recipient of every message the SMTP sink holds."""
    box = mailbox.Maildir(STACK_DIR / "mail", create=False)
    return {key: message["X-RcptTo"] or message["To"] or "" for key, message in box.items()}


def _stack(*args: str) -> None:
    subprocess.run([str(ROOT / "deploy" / "stack.sh"), *args], check=True, capture_output=True)


# Every reminder and digest recorded as sent, by recipient.
SENT = (
    "import json; from credentials.models import ReminderSend, DigestSend; "
    "print(json.dumps([r.record.holder.email for r in ReminderSend.objects.filter("
    "status='sent').select_related('record__holder')] + [d.recipient.email for d in "
    "DigestSend.objects.filter(status='sent').select_related('recipient')]))"
)


def test_the_scheduler_sweep_delivers_each_reminder_to_the_sink_exactly_once(server):
    # A holder whose CRS credential expires in 30 days: the 30-day reminder falls due today.
    unique = time.time_ns()
    holder = f"stack-reminder-{unique}@example.org"
    code = (
        "from datetime import timedelta; from django.utils import timezone; "
        "from lms.accounts.models import User; from credentials.models import CredentialType; "
        "from credentials.services import credential_record_save; "
        "from lms.ops.models import ScheduledRun; from lms.ops.scheduling import REMINDER_SWEEP; "
        "today = timezone.localdate(); "
        f"user = User.objects.create_user(email='{holder}', first_name='Rem'); "
        "credential_record_save(holder=user, "
        f"credential_type=CredentialType.objects.get(code='crs'), number='CRS-{unique}', "
        "issue_date=today - timedelta(days=700), expiry_date=today + timedelta(days=30)); "
        # The scheduler swept at start, before this holder existed: today is due again.
        "ScheduledRun.objects.filter(job=REMINDER_SWEEP).delete(); print('ok')"
    )
    # What the scheduler enqueued when the stack started (behind the demo's certificate renders)
    # is worked off first; then what is sent and delivered from here on is this test's.
    idle = (
        "from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count())"
    )
    started = time.monotonic()
    while int(_shell(server, idle)) and time.monotonic() - started < 120:
        time.sleep(1)
    sent_before = Counter(json.loads(_shell(server, SENT)))
    before = set(_sink_messages())
    _shell(server, code)

    # The scheduler enqueues the sweep each time it starts; the second start finds the day done.
    for _ in range(2):
        _stack("stop-one", "scheduler")
        _stack("start-one", "scheduler")
        time.sleep(3)
    done = (
        "from lms.ops.models import ScheduledRun; from lms.ops.scheduling import REMINDER_SWEEP; "
        "from django_tasks_db.models import DBTaskResult; "
        "busy = DBTaskResult.objects.filter(task_path__endswith='send_credential_reminders')"
        ".exclude(status__in=['SUCCESSFUL', 'FAILED']).count(); "
        "finished = ScheduledRun.objects.filter(job=REMINDER_SWEEP, finished_at__isnull=False)"
        ".count(); print(finished, busy)"
    )
    started = time.monotonic()
    while time.monotonic() - started < 90:
        finished, busy = map(int, _shell(server, done).split())
        if finished and not busy:
            break
        time.sleep(1)
    assert finished and not busy, (finished, busy)

    expected = Counter(json.loads(_shell(server, SENT))) - sent_before
    delivered = Counter(
        recipient for key, recipient in _sink_messages().items() if key not in before
    )
    print(
        f"\n[stack] sweep: {sum(expected.values())} messages recorded as sent, "
        f"{sum(delivered.values())} in the SMTP sink"
    )
    assert expected[holder] == 1
    assert delivered == expected
