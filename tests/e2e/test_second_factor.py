"""Staff sign-in with a second factor, on a server with STAFF_MFA_REQUIRED on (as production):
a coordinator with only a password is sent to the setup step before the admin and the
coordinators' pages, enrolls an authenticator app (the code computed here from the key the page
shows), signs in again with a code, and once with a recovery code."""

import re
import time
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

from django_otp.oath import TOTP

from tests.e2e.conftest import sign_in

SETUP = "/accounts/second-factor/setup/"
STEP = "/accounts/second-factor/"
STAFF_PAGES = ["/admin/", "/program/coordinator/", "/programme/coordinator/"]
COORDINATOR = "coordinator@example.org"


def authenticator_code(secret: str, at: float) -> str:
    """What an authenticator app holding this key shows at this moment."""
    totp = TOTP(b32decode(secret), step=30, t0=0, digits=6)
    totp.time = at
    return f"{totp.token():06d}"


def path_of(page) -> str:
    return urlsplit(page.url).path


def enter_code(page, code: str, button: str) -> None:
    page.get_by_label("Code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def sign_out(page, url: str) -> None:
    page.goto(url + "/")  # the site's own header (the admin's menu has its own)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").first.click()


def test_coordinator_enrolls_totp_then_signs_in_with_a_code_and_with_a_recovery_code(
    page, server_mfa
):
    url = server_mfa["url"]

    # A password alone: every staff page sends the coordinator to the setup step first.
    sign_in(page, url, COORDINATOR)
    assert path_of(page) == SETUP
    for staff_page in STAFF_PAGES:
        response = page.goto(url + staff_page)
        assert response.status == 200
        assert path_of(page) == SETUP, staff_page
        asked_for = staff_page.replace("/programme/", "/program/")  # the old spelling redirects
        assert parse_qs(urlsplit(page.url).query)["next"] == [asked_for]
        assert page.get_by_role("heading", level=1).inner_text() == "Set up a second factor"

    # Enrolling: the QR code, and the key typed into an "app" (computed here).
    assert page.locator("main figure svg").count() == 1
    secret = page.locator("main figcaption code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    wrong = f"{(int(authenticator_code(secret, time.time())) + 1) % 10**6:06d}"
    enter_code(page, wrong, "Turn on")
    assert path_of(page) == SETUP
    assert "That code did not work" in page.locator("main").inner_text()
    time.sleep(1.1)  # django-otp pauses a device for a second after a wrong code
    enrolled_at = time.time()
    enrolment_code = authenticator_code(secret, enrolled_at)
    enter_code(page, enrolment_code, "Turn on")
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    codes = page.locator("main ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert len(set(codes)) == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()
    assert path_of(page) == "/program/coordinator/"  # where the last staff page asked to go
    for staff_page in STAFF_PAGES:
        response = page.goto(url + staff_page)
        assert response.status == 200
        assert path_of(page) != SETUP, staff_page
    sign_out(page, url)

    # Next sign-in: the password, then a code from the app. The code used to enroll is spent.
    sign_in(page, url, COORDINATOR)
    assert path_of(page) == STEP
    assert page.get_by_role("heading", level=1).inner_text() == "Second step of signing in"
    response = page.goto(url + "/program/coordinator/")
    assert path_of(page) == STEP
    enter_code(page, enrolment_code, "Continue")
    assert path_of(page) == STEP
    assert "That code did not work" in page.locator("main").inner_text()
    # The app's next code (at most one 30-second step away; at least the 1-second pause).
    next_step = (int(enrolled_at) // 30 + 1) * 30
    time.sleep(max(next_step - time.time(), 0) + 1.1)
    enter_code(page, authenticator_code(secret, time.time()), "Continue")
    assert path_of(page) == "/program/coordinator/"
    response = page.goto(url + "/admin/")
    assert response.status == 200
    assert path_of(page) == "/admin/"
    sign_out(page, url)

    # Phone lost: a recovery code signs in once, and never again.
    sign_in(page, url, COORDINATOR)
    assert path_of(page) == STEP
    enter_code(page, codes[0], "Continue")
    assert path_of(page) == "/admin/"  # a coordinator's home after sign-in
    sign_out(page, url)
    sign_in(page, url, COORDINATOR)
    time.sleep(1.1)
    enter_code(page, codes[0], "Continue")
    assert path_of(page) == STEP
    assert "That code did not work" in page.locator("main").inner_text()
    assert page.goto(url + "/admin/").status == 200
    assert path_of(page) == STEP
