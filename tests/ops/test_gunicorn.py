"""The app servers restart gracefully: gunicorn preloads the app, recycles workers with jitter,
and a HUP under load answers no request with an error."""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _stack_gunicorn_flags() -> str:
    stack = (ROOT / "deploy" / "stack.sh").read_text()
    return re.search(r"gunicorn lms\.wsgi(.*?);;", stack, re.S)[1]


def test_stack_preloads_and_recycles_workers_with_jitter():
    flags = _stack_gunicorn_flags()
    assert "--preload" in flags
    max_requests = int(re.search(r"--max-requests (\d+)", flags)[1])
    jitter = int(re.search(r"--max-requests-jitter (\d+)", flags)[1])
    assert max_requests >= 1000 and 0 < jitter < max_requests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(line) for line in out.stdout.split()}


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")
def test_a_hup_under_load_replaces_every_worker_without_an_error(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.bench",
        "BENCH_DB": str(tmp_path / "bench.sqlite3"),
    }
    server = subprocess.Popen(
        [
            str(GUNICORN), "lms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--threads", "2", "--preload", "--max-requests", "10000",
            "--max-requests-jitter", "1000", "--graceful-timeout", "30",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/bench/bare/"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        before = _children(server.pid)
        results: list[str] = []
        resets: list[str] = []
        stop = threading.Event()

        def fetch() -> str:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return str(response.status)
            except urllib.error.HTTPError as error:
                return str(error.code)
            except Exception as error:  # a refused or reset connection, with no answer
                return type(error).__name__

        def hammer():
            while not stop.is_set():
                result = fetch()
                for _ in range(3):
                    if result.isdigit():
                        break
                    # As nginx does (proxy_next_upstream error): a GET whose connection closed
                    # with no answer is sent again, on a new connection, where nginx would send
                    # it to the other app server; here, after a pause in which the stopping
                    # worker stops accepting.
                    resets.append(result)
                    time.sleep(0.1)
                    result = fetch()
                results.append(result)

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        server.send_signal(signal.SIGHUP)
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join()
        after = _children(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    failures = [r for r in results if r != "200"]
    print(
        f"HUP under load: {len(results)} requests, {len(resets)} closed with no answer and sent "
        f"again ({resets}), {len(failures)} failed: {failures}"
    )
    assert len(results) > 50
    assert after and not (after & before)  # every worker was replaced
    # No request answered an error, and none was lost once sent again. gunicorn's threaded
    # worker may close a connection it accepted just as it stops (benoitc/gunicorn#3038, #3380,
    # #3394), with no answer; nginx sends such a GET to the other app server, and the drill
    # (make faults) counts what reaches the client through nginx. A request sent again reaches
    # a worker that is not stopping, so it must be answered.
    assert failures == [], failures
    assert len(resets) <= 8, resets
