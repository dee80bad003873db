"""A second factor for staff (STAFF_MFA_REQUIRED on and off), with mentors opting in."""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import factors
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/admin/", "/program/coordinator/", "/programme/coordinator/"]
MFA_ON = override_settings(STAFF_MFA_REQUIRED=True)


def sign_in(client, user):
    client.logout()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code(device, steps_ahead=0) -> str:
    """What the person's authenticator app shows (a later step: each step's code works once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def final_path(client, path) -> str:
    response = client.get(path, follow=True)
    return urlsplit(response.redirect_chain[-1][0]).path if response.redirect_chain else path


def enroll(client, user) -> list[str]:
    """Set up the authenticator from the setup page; returns the recovery codes it showed."""
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("second_factor_setup"), {"token": code(device)})
    assert response.status_code == 200
    return re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())


@MFA_ON
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_with_mfa_on_a_coordinator_with_only_a_password_is_sent_to_the_second_factor_step(
    client, coordinator, path
):
    sign_in(client, coordinator)

    assert final_path(client, path) == reverse("second_factor_setup")


@MFA_ON
def test_with_mfa_on_an_editor_enrolls_totp_and_then_reaches_the_admin(client, editor):
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 302

    codes = enroll(client, editor)

    assert len(codes) == factors.RECOVERY_CODES
    assert client.get("/admin/").status_code == 200


@MFA_ON
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # django-otp pauses a device after a failure
def test_next_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, coordinator):
    sign_in(client, coordinator)
    enroll(client, coordinator)
    sign_in(client, coordinator)
    assert final_path(client, "/program/coordinator/") == reverse("second_factor")

    wrong = client.post(reverse("second_factor"), {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert factors.CODE_REFUSED in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device = TOTPDevice.objects.get(user=coordinator)
    right = client.post(reverse("second_factor"), {"token": code(device, 1), "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/program/coordinator/").status_code == 200


@MFA_ON
def test_a_recovery_code_works_once_when_the_phone_is_lost(client, coordinator):
    sign_in(client, coordinator)
    [first, *_] = enroll(client, coordinator)

    sign_in(client, coordinator)
    client.post(reverse("second_factor"), {"token": first})
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=first).exists()

    sign_in(client, coordinator)
    again = client.post(reverse("second_factor"), {"token": first})
    assert factors.CODE_REFUSED in again.content.decode()


@MFA_ON
def test_a_password_alone_cannot_replace_an_enrolled_factor(client, coordinator):
    sign_in(client, coordinator)
    enroll(client, coordinator)
    sign_in(client, coordinator)

    assert final_path(client, reverse("second_factor_setup")) == reverse("second_factor")


@MFA_ON
def test_with_mfa_on_mentors_are_not_asked_unless_they_opt_in(client, mentor):
    sign_in(client, mentor)
    assert client.get("/training/dashboard/").status_code == 200

    enroll(client, mentor)
    sign_in(client, mentor)

    assert final_path(client, "/training/dashboard/") == reverse("second_factor")


@override_settings(STAFF_MFA_REQUIRED=False)
@pytest.mark.parametrize("path", ["/admin/", "/program/coordinator/"])
def test_with_mfa_off_staff_reach_their_pages_with_a_password(client, coordinator, path):
    sign_in(client, coordinator)

    assert client.get(path).status_code == 200


def test_production_requires_the_second_factor_and_dev_does_not():
    folder = Path(__file__).resolve().parents[2] / "lms" / "settings"
    source = {name: (folder / f"{name}.py").read_text() for name in ("base", "dev", "production")}
    assert "STAFF_MFA_REQUIRED = True" in source["production"]
    assert "STAFF_MFA_REQUIRED = False" in source["base"]
    assert "STAFF_MFA_REQUIRED" not in source["dev"]


@MFA_ON
def test_a_coordinator_resets_a_lost_factor_with_a_recorded_reason(client, coordinator, editor):
    from lms.accounts.models import SecondFactorReset

    sign_in(client, editor)
    enroll(client, editor)
    sign_in(client, coordinator)
    assert final_path(client, reverse("second_factor_reset")) == reverse("second_factor_setup")
    enroll(client, coordinator)

    refused = client.post(reverse("second_factor_reset"), {"user": editor.pk, "reason": " "})
    assert refused.status_code == 200 and TOTPDevice.objects.filter(user=editor).exists()
    done = client.post(
        reverse("second_factor_reset"), {"user": editor.pk, "reason": "Lost phone and codes"}
    )

    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    record = SecondFactorReset.objects.get()
    assert (record.user, record.reset_by, record.reason) == (
        editor,
        coordinator,
        "Lost phone and codes",
    )
    sign_in(client, editor)
    assert final_path(client, "/admin/") == reverse("second_factor_setup")


@pytest.mark.parametrize("role", ["Mentor", "Editor"])
def test_only_coordinators_reset_second_factors(client, make_user, role):
    client.force_login(make_user(role))

    assert client.get(reverse("second_factor_reset")).status_code == 403


@MFA_ON
def test_the_second_factor_check_costs_no_query_for_people_without_one(client, mentor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(mentor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/training/dashboard/").status_code == 200

    assert not [q for q in queries.captured_queries if "otp_" in q["sql"]]
