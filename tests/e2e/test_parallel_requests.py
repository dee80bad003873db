"""Ten parallel GETs of a new quiz attempt against the live server (gunicorn, two processes with
four threads each, on a SQLite file): every one answers 200 and one attempt is created. Before
SQLite ran in WAL mode with immediate transactions, one of them answered 500, "database is
locked"."""

import http.cookiejar
import re
import ssl
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.e2e.conftest import ROOT

PARALLEL = 10
QUIZ = "/training/peer-mentor-foundations/peer-mentor-role/peer-mentor-role-quiz/"
EMAIL = "parallel-mentor@example.org"
PASSWORD = "a-long-passphrase-42"  # noqa: S105


def _manage_shell(server, code: str) -> str:
    command = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=server["env"], check=True, capture_output=True)
    return result.stdout.decode()


def _signed_in_opener(url: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    # On the stack: nginx's self-signed certificate, made when the stack started.
    unverified = urllib.request.HTTPSHandler(context=ssl._create_unverified_context())  # noqa: S323
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), unverified)
    html = opener.open(url + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD}
    # Over https Django's CSRF check also wants the page the form came from.
    login = urllib.request.Request(  # noqa: S310 - our own server
        url + "/accounts/login/",
        urllib.parse.urlencode(form).encode(),
        headers={"Referer": url + "/accounts/login/"},
    )
    opener.open(login)
    return opener


def test_ten_parallel_gets_of_a_new_quiz_attempt_all_answer(server):
    _manage_shell(
        server,
        "from lms.accounts.models import User; from django.contrib.auth.models import Group; "
        f"u = User.objects.create_user(email='{EMAIL}', password='{PASSWORD}', first_name='Par'); "
        "u.groups.add(Group.objects.get(name='Mentor'))",
    )
    opener = _signed_in_opener(server["url"])

    def get(_):
        try:
            return opener.open(server["url"] + QUIZ, timeout=60).status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(get, range(PARALLEL)))

    print(f"{PARALLEL} parallel GETs of a new quiz attempt: {statuses}")
    assert statuses == [200] * PARALLEL
    attempts = _manage_shell(
        server,
        "from lms.training.models import QuizAttempt; "
        f"print(QuizAttempt.objects.filter(user__email='{EMAIL}').count())",
    )
    assert attempts.strip().splitlines()[-1] == "1"
