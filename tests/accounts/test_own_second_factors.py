"""A signed-in person sees and removes their own second factors (authenticator app, passkeys).

Attacks first: another person's device id, a stolen session without the password, and a staff
member removing the last factor that STAFF_MFA_REQUIRED asks of them.
"""

import secrets

from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from lms.accounts import factors
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

MFA_ON = override_settings(STAFF_MFA_REQUIRED=True)


def app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def passkey(user, name="Work laptop") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=secrets.token_bytes(32),
        public_key=secrets.token_bytes(77),
        sign_count=0,
    )


def enrolled(client, user, *devices):
    """Signed in and past the second factor (with the first device), as after a real sign-in."""
    factors.recovery_codes_issue(user=user)
    user.second_factor_enrolled = True
    user.save(update_fields=["second_factor_enrolled"])
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = devices[0].persistent_id
    session.save()
    return client


def remove_url(device) -> str:
    kind = "passkey" if isinstance(device, WebAuthnCredential) else "app"
    return reverse("second_factor_remove", kwargs={"kind": kind, "pk": device.pk})


# --- attacks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [app, passkey])
def test_another_persons_device_answers_404_like_one_that_does_not_exist(
    client, mentor, editor, make
):
    theirs = make(editor)
    enrolled(client, mentor, app(mentor))
    missing = reverse("second_factor_remove", kwargs={"kind": "app", "pk": 999999})

    for method in (client.get, client.post):
        other = method(remove_url(theirs), {"password": PASSWORD})
        nowhere = method(missing, {"password": PASSWORD})
        assert other.status_code == nowhere.status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()


def test_an_unknown_kind_of_factor_answers_404(client, mentor):
    device = app(mentor)
    enrolled(client, mentor, device)

    url = f"/accounts/security/recovery/{device.pk}/remove/"
    assert client.post(url, {"password": PASSWORD}).status_code == 404


def test_a_session_without_the_password_cannot_remove_a_factor(client, mentor):
    device = app(mentor)
    enrolled(client, mentor, device)

    response = client.post(remove_url(device), {"password": "not-the-password-1"})

    assert response.status_code == 400
    assert factors.PASSWORD_WRONG in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


@MFA_ON
@pytest.mark.parametrize("make", [app, passkey])
def test_staff_cannot_remove_their_last_factor_when_mfa_is_required(client, coordinator, make):
    device = make(coordinator)
    enrolled(client, coordinator, device)

    response = client.post(remove_url(device), {"password": PASSWORD})

    assert response.status_code == 400
    assert factors.LAST_FACTOR_KEPT in response.content.decode()
    assert type(device).objects.filter(pk=device.pk).exists()
    coordinator.refresh_from_db()
    assert coordinator.second_factor_enrolled


def test_signed_out_visitors_are_sent_to_sign_in(client, mentor):
    device = app(mentor)
    for url in (reverse("account_security"), remove_url(device)):
        assert client.get(url)["Location"].startswith(reverse("login"))


# --- what it does -------------------------------------------------------------------------------


def test_the_page_lists_the_persons_own_factors_only(client, mentor, editor):
    mine = [app(mentor), passkey(mentor, "Office key")]
    passkey(editor, "Someone else's phone")
    enrolled(client, mentor, *mine)

    response = client.get(reverse("account_security"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Authenticator app" in html and "Office key" in html
    assert "Someone else" not in html
    assert "10 recovery codes left" in html
    for device in mine:
        assert remove_url(device) in html


@MFA_ON
def test_staff_remove_one_factor_when_another_remains(client, coordinator):
    old, new = app(coordinator), passkey(coordinator)
    enrolled(client, coordinator, old)

    response = client.post(remove_url(old), {"password": PASSWORD})

    assert response["Location"] == reverse("account_security")
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    coordinator.refresh_from_db()
    assert coordinator.second_factor_enrolled
    # Still past the second factor in this session: the staff pages open without a new step.
    assert client.get("/program/coordinator/").status_code == 200
    assert WebAuthnCredential.objects.filter(pk=new.pk).exists()


def test_a_mentor_who_removes_the_only_factor_is_back_to_password_sign_in(client, mentor):
    device = passkey(mentor)
    enrolled(client, mentor, device)

    confirm = client.get(remove_url(device))
    response = client.post(remove_url(device), {"password": PASSWORD}, follow=True)

    assert confirm.status_code == 200
    assert 'autocomplete="current-password"' in confirm.content.decode()
    assert response.status_code == 200
    mentor.refresh_from_db()
    assert not mentor.second_factor_enrolled
    assert not WebAuthnCredential.objects.filter(user=mentor).exists()
    assert not StaticDevice.objects.filter(user=mentor).exists()  # codes go with the last factor
    assert "You have no second factor" in response.content.decode()


def test_with_mfa_off_staff_may_remove_their_last_factor(client, editor):
    device = app(editor)
    enrolled(client, editor, device)

    response = client.post(remove_url(device), {"password": PASSWORD})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_forms_are_labelled(client, mentor):
    device = app(mentor)
    enrolled(client, mentor, device)

    html = client.get(remove_url(device)).content.decode()

    assert '<label for="id_password">' in html
    assert '<button type="submit">' in html
    assert "Account" in client.get(reverse("password_change")).content.decode()
    assert reverse("account_security") in client.get(reverse("password_change")).content.decode()
