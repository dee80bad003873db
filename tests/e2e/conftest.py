"""Browser tests against a live server: gunicorn on a fresh SQLite file, driven by Playwright
in Debian's Chromium (/usr/bin/chromium; never a downloaded browser).

Run with `make e2e` (E2E=1). Screenshots of failures go to test-results/.

With E2E_STACK=1 the suite runs against `make stack` instead (started with
STACK_SETTINGS=lms.settings.stack_e2e): nginx over https in front of two app servers on
PostgreSQL and Redis, mail through the SMTP sink, PDFs rendered by the worker. Halfway through,
one app server is stopped and the rest of the flows must still pass. The second-factor and
idle-timeout flows keep servers of their own (they need settings the stack does not run with).
"""

import email
import email.policy
import mailbox
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
DEMO_PASSWORD = "e2e-demo-password"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

STACK = os.environ.get("E2E_STACK") == "1"
STACK_DIR = ROOT / ".stack"
STACK_URL = f"https://127.0.0.1:{os.environ.get('STACK_HTTPS_PORT', '8443')}"
STACK_APP_PORTS = os.environ.get("STACK_APP_PORTS", "8101 8102").split()

# Figures the tests report (forms driven, say), printed at the end of the run.
REPORT: dict = {}

if os.environ.get("E2E") != "1":
    collect_ignore_glob = ["test_*.py"]
elif not STACK:
    collect_ignore_glob = ["test_stack*.py"]  # they need make stack's two app servers


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "changes_curriculum: publishes training content every learner sees; run after the rest",
    )


def pytest_collection_modifyitems(config, items):
    """Tests that publish a module change the track (and its module count) for every other test
    on the shared server, so they run last, whatever the file order. The stack's own checks need
    both app servers, so they run first."""

    def order(item) -> int:
        if item.get_closest_marker("changes_curriculum") is not None:
            return 2
        return 0 if item.path.name.startswith("test_stack") else 1

    items.sort(key=order)
    stack_checks = sum(1 for item in items if order(item) == 0)
    # Halfway, and never before the stack's own checks (they need both app servers).
    config.stash[_STOP_AFTER] = max(stack_checks, len(items) // 2)
    config.stash[_ITEMS] = len(items)


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.write_sep("-", "browser figures")
        for name, value in REPORT.items():
            terminalreporter.write_line(f"{name}: {value}")


_ITEMS = pytest.StashKey[int]()
_STOP_AFTER = pytest.StashKey[int]()
_DONE = pytest.StashKey[int]()


def pytest_runtest_teardown(item, nextitem):
    """On the stack, stop the second app server once half the tests have run: nginx must send
    everything to the first, and the flows after this point must pass as before."""
    if not STACK:
        return
    done = item.config.stash.get(_DONE, 0) + 1
    item.config.stash[_DONE] = done
    if done == item.config.stash[_STOP_AFTER] and nextitem is not None:
        name = f"app-{STACK_APP_PORTS[-1]}"
        subprocess.run([str(ROOT / "deploy" / "stack.sh"), "stop-one", name], check=True)
        print(f"\n[stack] {name} stopped after {done} of {item.config.stash[_ITEMS]} tests")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Overrides tests/conftest.py's: the server runs in its own processes, and this process
    has no Django settings (-p no:django) whose cache could be cleared."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    env: dict, log: Path, *, workers: int, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free port (or the one given) with these settings; returns once it answers."""
    port = port or _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--timeout",
            "60",
            "lms.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - our own server
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError(log.read_text())
    return process, url


def stop_server(process: subprocess.Popen) -> None:
    """Stop gunicorn; on a busy machine its workers may take longer than a moment."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _serve(base: Path, **extra_env: str):
    """Migrate a fresh database under base, load the site and demo accounts, and run gunicorn
    on it; yields the server's description and stops it afterwards."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.e2e",
        # Passkeys need a domain (not an IP address) as their relying party: localhost.
        "E2E_ORIGIN": f"http://localhost:{port}",
        "E2E_DB": str(base / "db.sqlite3"),
        "E2E_MAIL_DIR": str(base / "mail"),
        "E2E_MEDIA": str(base / "media"),
        "E2E_CACHE_DIR": str(base / "cache"),
        "DEMO_PASSWORD": DEMO_PASSWORD,
        **extra_env,
    }
    manage = [sys.executable, "manage.py"]

    def run(*args):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)

    run("migrate", "--noinput")
    run("setup_site")
    # The shipped quizzes ask for a 10-minute pause after a failed attempt; these flows fail a
    # quiz and retake it at once, so the program here is configured without the pause.
    run(
        "shell",
        "-c",
        "from lms.training.models import QuizPage; QuizPage.objects.update(cooldown_minutes=0)",
    )
    process, url = start_server(env, base / "server.log", workers=2, port=port)
    yield {"url": url, "origin": env["E2E_ORIGIN"], "mail": base / "mail", "env": env, "base": base}
    stop_server(process)


def stack_env() -> dict[str, str]:
    """The environment `make stack` runs its processes with (.stack/env, shell-quoted)."""
    env = {}
    for line in (STACK_DIR / "env").read_text().splitlines():
        name, _, value = shlex.split(line)[0].partition("=")
        env[name] = value
    env["SECRET_KEY"] = (STACK_DIR / "secret-key").read_text().strip()
    return env


def _stack(base: Path):
    """The running stack, with the demo accounts loaded and the quiz pause off (as _serve)."""
    env = {**os.environ, **stack_env(), "DEMO_PASSWORD": DEMO_PASSWORD}
    if env.get("DJANGO_SETTINGS_MODULE") != "lms.settings.stack_e2e":
        pytest.exit("Start the stack with STACK_SETTINGS=lms.settings.stack_e2e make stack")
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    code = (
        "from django.core.cache import cache; from lms.training.models import QuizPage; "
        "QuizPage.objects.update(cooldown_minutes=0); cache.clear()"
    )
    subprocess.run([*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True)
    mail = STACK_DIR / "mail"
    yield {"url": STACK_URL, "origin": STACK_URL, "mail": mail, "env": env, "base": base}


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if STACK:
        yield from _stack(tmp_path_factory.mktemp("e2e-stack"))
    else:
        yield from _serve(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="session")
def local_server(request, tmp_path_factory):
    """A server this suite starts itself (gunicorn on SQLite, e2e settings), for flows that need
    settings of their own; without the stack, the shared server."""
    if STACK:
        yield from _serve(tmp_path_factory.mktemp("e2e-local"))
    else:
        yield request.getfixturevalue("server")


@pytest.fixture(scope="session")
def server_mfa(tmp_path_factory):
    """A second server, as production runs: staff must pass a second factor
    (STAFF_MFA_REQUIRED on). Its own database, so enrolling staff here changes nothing for the
    flows on the first server."""
    yield from _serve(tmp_path_factory.mktemp("e2e-mfa"), E2E_STAFF_MFA_REQUIRED="1")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _new_page(browser, request, **context_options):
    # The stack's certificate is self-signed, made when it starts.
    context = browser.new_context(bypass_csp=True, ignore_https_errors=STACK, **context_options)
    page = context.new_page()
    page.set_default_timeout(15000)
    pages = [page]
    yield page, pages
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for index, open_page in enumerate(pages):
            try:
                open_page.screenshot(path=str(RESULTS / f"{name}-{index}.png"), full_page=True)
            except Exception:  # noqa: BLE001, S112 - best effort on a failing test
                continue
    context.close()


@pytest.fixture
def page(browser, request):
    yield from (p for p, _ in _new_page(browser, request, viewport={"width": 1280, "height": 900}))


@pytest.fixture
def new_page(browser, request):
    """A factory for more browser sessions (a recruiter beside a mentor, say)."""
    contexts = []

    def make(**options):
        generator = _new_page(browser, request, **options)
        page, _ = next(generator)
        contexts.append(generator)
        return page

    yield make
    for generator in contexts:
        next(generator, None)


def sign_in(page, base_url: str, email: str, password: str = DEMO_PASSWORD):
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _messages(mail_dir: Path) -> list[tuple[str, str]]:
    """(To, text) of every message, newest first: the file backend's *.log files, or the stack's
    SMTP sink (a Maildir)."""
    if (mail_dir / "new").is_dir():
        found = []
        for key, message in mailbox.Maildir(mail_dir, factory=None, create=False).items():
            parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
            kinds = ("text/plain", "text/html")
            parts = [p for p in parsed.walk() if p.get_content_type() in kinds]
            text = "\n".join(p.get_content() for p in parts)
            found.append(((mail_dir / "new" / key).stat().st_mtime, parsed["To"] or "", text))
        return [(to, text) for _, to, text in sorted(found, key=lambda m: m[0], reverse=True)]
    found = []
    files = sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files:
        text = path.read_text().replace("=\n", "")  # quoted-printable soft breaks
        for message in reversed(text.split("-" * 79)):
            match = re.search(r"^To: (.*)$", message, re.MULTILINE)
            found.append((match.group(1) if match else "", message))
    return found


def last_mail_link(mail_dir: Path, to: str, pattern: str) -> str:
    # Mail goes through the task worker on the stack: allow it a few seconds.
    for _ in range(150 if STACK else 50):
        for recipient, text in _messages(mail_dir):
            if to in recipient:
                match = re.search(pattern, text)
                if match:
                    return match.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no mail to {to} matching {pattern}")
