"""Passkeys on a server with STAFF_MFA_REQUIRED on: an editor with only a password enrolls a
passkey at the setup step (Chromium's virtual authenticator, over the DevTools protocol), gets
recovery codes, reaches the admin, and later passes the second step with the passkey."""

from urllib.parse import urlsplit

from tests.e2e.conftest import sign_in

SETUP = "/accounts/second-factor/setup/"
STEP = "/accounts/second-factor/"
EDITOR = "editor@example.org"


def path_of(page) -> str:
    return urlsplit(page.url).path


def virtual_authenticator(page):
    """A platform authenticator that holds passkeys and always verifies its user."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def test_editor_enrolls_a_passkey_then_signs_in_with_it(page, server_mfa):
    origin = server_mfa["origin"]  # http://localhost:<port>: a passkey needs a domain
    cdp, authenticator = virtual_authenticator(page)

    sign_in(page, origin, EDITOR)
    assert path_of(page) == SETUP
    with page.expect_navigation(url=f"{origin}/accounts/second-factor/codes/**"):
        page.get_by_role("button", name="Set up a passkey").click()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["rpId"] == "localhost"
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.locator("main ul.recovery-codes code").count() == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()
    assert path_of(page) == "/admin/"

    # Signing in again: the password, then the passkey.
    page.goto(origin + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").first.click()
    sign_in(page, origin, EDITOR)
    assert path_of(page) == STEP
    assert page.goto(origin + "/admin/").status == 200
    assert path_of(page) == STEP
    with page.expect_navigation(url=f"{origin}/admin/**"):
        page.get_by_role("button", name="Use a passkey").click()
    assert path_of(page) == "/admin/"
    used = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert used["credentials"][0]["signCount"] >= 1
