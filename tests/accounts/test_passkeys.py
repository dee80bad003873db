"""Passkeys (WebAuthn) as a second kind of factor: the whole ceremony against the server, with a
software authenticator that signs like a real one (ES256, "none" attestation)."""

import base64
import hashlib
import json
import os
import re
import struct

from django.test import override_settings
from django.urls import reverse

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.models import WebAuthnCredential

from lms.accounts import factors
from tests.accounts.test_second_factor import enroll, final_path, sign_in

pytestmark = pytest.mark.django_db

MFA_ON = override_settings(STAFF_MFA_REQUIRED=True)
ORIGIN = "http://localhost:8000"  # OTP_WEBAUTHN_ALLOWED_ORIGINS outside production
BEGIN_REGISTRATION = "/accounts/second-factor/passkey/registration/begin/"
COMPLETE_REGISTRATION = "/accounts/second-factor/passkey/registration/complete/"
BEGIN_AUTHENTICATION = "/accounts/second-factor/passkey/authentication/begin/"
COMPLETE_AUTHENTICATION = "/accounts/second-factor/passkey/authentication/complete/"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftAuthenticator:
    """One passkey for relying party `localhost`, as a platform authenticator holds it."""

    def __init__(self, rp_id: str = "localhost", origin: str = ORIGIN):
        self.rp_id_hash = hashlib.sha256(rp_id.encode()).digest()
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.sign_count = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def create(self, options: dict) -> dict:
        numbers = self.key.public_key().public_numbers()
        cose_key = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        auth_data = (
            self.rp_id_hash
            + bytes([0x01 | 0x04 | 0x40])  # user present, user verified, credential attached
            + struct.pack(">I", self.sign_count)
            + bytes(16)  # AAGUID
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + cose_key
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(
                    self._client_data("webauthn.create", options["challenge"])
                ),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
            "authenticatorAttachment": "platform",
        }

    def get(self, options: dict) -> dict:
        self.sign_count += 1
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = self.rp_id_hash + bytes([0x01 | 0x04]) + struct.pack(">I", self.sign_count)
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def register(client, authenticator):
    options = post_json(client, BEGIN_REGISTRATION)
    assert options.status_code == 200, options.content
    return post_json(client, COMPLETE_REGISTRATION, authenticator.create(options.json()))


def authenticate(client, authenticator, next_url="/admin/"):
    options = post_json(client, BEGIN_AUTHENTICATION)
    assert options.status_code == 200, options.content
    url = f"{COMPLETE_AUTHENTICATION}?next={next_url}"
    return post_json(client, url, authenticator.get(options.json()))


@MFA_ON
def test_staff_enroll_a_passkey_get_recovery_codes_once_and_reach_the_admin(client, editor):
    sign_in(client, editor)
    assert final_path(client, "/admin/") == reverse("second_factor_setup")
    setup = client.get(reverse("second_factor_setup")).content.decode()
    assert 'id="passkey-registration-available-template"' in setup

    done = register(client, SoftAuthenticator())

    assert done.status_code == 200, done.content
    credential = WebAuthnCredential.objects.get(user=editor)
    assert credential.confirmed
    editor.refresh_from_db()
    assert editor.second_factor_enrolled
    codes_page = client.get(reverse("second_factor_codes") + "?next=/admin/")
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.content.decode())
    assert len(codes) == factors.RECOVERY_CODES
    assert StaticToken.objects.filter(device__user=editor).count() == factors.RECOVERY_CODES
    again = client.get(reverse("second_factor_codes") + "?next=/admin/")
    assert again.status_code == 302 and again["Location"] == "/admin/"  # shown once only
    assert client.get("/admin/").status_code == 200


@MFA_ON
def test_next_sign_in_passes_the_step_with_the_passkey(client, coordinator):
    authenticator = SoftAuthenticator()
    sign_in(client, coordinator)
    register(client, authenticator)
    sign_in(client, coordinator)
    assert final_path(client, "/program/coordinator/") == reverse("second_factor")
    step = client.get(reverse("second_factor")).content.decode()
    assert 'id="passkey-verification-available-template"' in step
    session_before = client.session.session_key

    passed = authenticate(client, authenticator, "/program/coordinator/")

    assert passed.status_code == 200, passed.content
    assert passed.json()["redirect_url"] == "/program/coordinator/"
    assert client.session.session_key != session_before  # a new session key, as with a code
    assert client.get("/program/coordinator/").status_code == 200
    assert WebAuthnCredential.objects.get(user=coordinator).sign_count == 1


@MFA_ON
def test_another_persons_passkey_does_not_pass_the_step(client, coordinator, editor):
    editors_key = SoftAuthenticator()
    sign_in(client, editor)
    register(client, editors_key)
    sign_in(client, coordinator)
    register(client, SoftAuthenticator())
    sign_in(client, coordinator)

    refused = authenticate(client, editors_key)

    assert 400 <= refused.status_code < 500
    assert final_path(client, "/admin/") == reverse("second_factor")


@MFA_ON
def test_a_replayed_or_forged_assertion_is_refused(client, coordinator):
    authenticator = SoftAuthenticator()
    sign_in(client, coordinator)
    register(client, authenticator)
    sign_in(client, coordinator)
    options = post_json(client, BEGIN_AUTHENTICATION).json()
    assertion = authenticator.get(options)
    forged = dict(assertion, response=dict(assertion["response"], signature=b64url(b"0" * 70)))

    assert 400 <= post_json(client, COMPLETE_AUTHENTICATION, forged).status_code < 500
    # The challenge was spent by that attempt: the genuine answer to it is refused too.
    assert 400 <= post_json(client, COMPLETE_AUTHENTICATION, assertion).status_code < 500
    assert final_path(client, "/admin/") == reverse("second_factor")


@MFA_ON
def test_a_passkey_from_another_origin_is_refused(client, editor):
    sign_in(client, editor)

    refused = register(client, SoftAuthenticator(origin="https://phish.example"))

    assert 400 <= refused.status_code < 500
    assert not WebAuthnCredential.objects.exists()
    assert final_path(client, "/admin/") == reverse("second_factor_setup")


@MFA_ON
def test_a_password_alone_cannot_add_a_passkey_next_to_an_enrolled_factor(client, coordinator):
    sign_in(client, coordinator)
    enroll(client, coordinator)
    sign_in(client, coordinator)

    refused = post_json(client, BEGIN_REGISTRATION)

    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_no_passwordless_sign_in_with_a_passkey(client):
    refused = post_json(client, BEGIN_AUTHENTICATION)

    assert 400 <= refused.status_code < 500


@MFA_ON
def test_a_coordinators_reset_removes_passkeys_too(client, coordinator, editor):
    sign_in(client, editor)
    register(client, SoftAuthenticator())
    sign_in(client, coordinator)
    enroll(client, coordinator)

    client.post(reverse("second_factor_reset"), {"user": editor.pk, "reason": "Lost laptop"})

    assert not WebAuthnCredential.objects.filter(user=editor).exists()
    sign_in(client, editor)
    assert final_path(client, "/admin/") == reverse("second_factor_setup")


@pytest.mark.parametrize(
    "url",
    [BEGIN_REGISTRATION, COMPLETE_REGISTRATION, BEGIN_AUTHENTICATION, COMPLETE_AUTHENTICATION],
)
def test_bad_json_is_a_clear_4xx(client, editor, url):
    client.force_login(editor)

    response = client.post(url, "{not json", content_type="application/json")

    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "name",
    [
        "accounts/passkey_registered.js",
        "django_otp_webauthn/otp_webauthn_register.js",
        "django_otp_webauthn/otp_webauthn_auth.js",
    ],
)
def test_the_passkey_scripts_are_served_from_the_site_itself(name):
    from django.contrib.staticfiles import finders

    assert finders.find(name) is not None
