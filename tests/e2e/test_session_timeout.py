"""Work survives an idle sign-out: a second server with a 12-second idle timeout (the program's
is 30 minutes) on the same database. The warning offers to stay signed in; quiz answers chosen
before the sign-out are there again after signing in, and the quiz then passes."""

import pytest

from tests.e2e.conftest import start_server, stop_server
from tests.e2e.training import MODULE_SLUGS, TRACK, answer_current_quiz, register_and_confirm

IDLE, WARNING = 12, 8
PASSWORD = "a-long-passphrase-42"  # register_and_confirm's
QUIZ = f"{TRACK}/{MODULE_SLUGS[0]}/{MODULE_SLUGS[0]}-quiz/"


@pytest.fixture(scope="module")
def short_server(local_server):
    env = {
        **local_server["env"],
        "E2E_IDLE_SECONDS": str(IDLE),
        "E2E_IDLE_WARNING_SECONDS": str(WARNING),
    }
    process, url = start_server(env, local_server["base"] / "short-server.log", workers=1)
    yield {**local_server, "url": url}
    stop_server(process)


def checked_values(page) -> list[str]:
    return page.eval_on_selector_all(
        "main form input:checked", "inputs => inputs.map(i => i.name + '=' + i.value)"
    )


def test_quiz_answers_survive_an_idle_sign_out(new_page, short_server):
    url = short_server["url"]
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    email = register_and_confirm(page, short_server)
    page.goto(url + QUIZ)
    answer_current_quiz(page, MODULE_SLUGS[0], right=True, submit=False)
    page.get_by_text("Answers saved.").wait_for()
    chosen = sorted(checked_values(page))
    assert chosen

    # The warning comes before the sign-out, and "Stay signed in" keeps the session.
    warning = page.get_by_role("alertdialog")
    warning.wait_for(timeout=(IDLE - WARNING + 5) * 1000)
    assert "signed out in" in warning.inner_text()
    warning.get_by_role("button", name="Stay signed in").click()
    warning.wait_for(state="hidden")

    # Idle past the timeout, then submit: the sign-in page, and after it the same answers.
    page.wait_for_timeout((IDLE + 3) * 1000)
    submit = page.locator("main form button[type=submit]")
    submit.focus()  # the keyboard way: the warning, shown again by now, covers the foot
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith(QUIZ)
    assert sorted(checked_values(page)) == chosen
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Passed" in page.locator("main").inner_text()
