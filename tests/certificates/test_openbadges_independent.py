"""An independent check of an issued Open Badge, sharing no code with the issuing side.

Everything here goes through HTTP (the Django test client) and general-purpose libraries only:
the JSON schema (jsonschema), the JWT signature (the `cryptography` package's Ed25519, not the
JOSE library the site signs with), and the status bit (base64url and GZIP decoded by hand).
Nothing is imported from credentials.certificates.openbadges.
"""

import base64
import gzip
import json
import os
from urllib.parse import urlsplit

from django.core.management import call_command

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

pytestmark = pytest.mark.django_db

SCHEMA_FILE = os.environ.get("OB3_SCHEMA_FILE")


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def path_of(url: str) -> str:
    return urlsplit(url).path


def fetch_jwt_badge(client, holder, pk) -> str:
    client.force_login(holder)
    response = client.get(f"/certificates/{pk}/openbadge.jwt")
    client.logout()
    assert response.status_code == 200
    return response.content.decode()


def check_signature(client, token: str) -> dict:
    """Verify a compact JWS against the key its `kid` names, as served; return the payload."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(b64url(header_b64))
    assert header["alg"] == "EdDSA" and set(header) <= {"alg", "kid", "typ"}
    served_key = client.get(path_of(header["kid"])).json()
    key_set = client.get("/.well-known/jwks.json").json()["keys"]
    assert header["kid"] in {key["kid"] for key in key_set}  # key provenance: it is published
    assert served_key["kty"] == "OKP" and served_key["crv"] == "Ed25519"
    public = Ed25519PublicKey.from_public_bytes(b64url(served_key["x"]))
    public.verify(b64url(signature_b64), f"{header_b64}.{payload_b64}".encode("ascii"))
    return json.loads(b64url(payload_b64))


def status_bit(client, credential: dict) -> int:
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry" and entry["statusPurpose"] == "revocation"
    list_token = client.get(path_of(entry["statusListCredential"]) + ".jwt").content.decode()
    listed = check_signature(client, list_token)  # the list is signed the same way
    assert listed["id"] == entry["statusListCredential"]
    encoded = listed["credentialSubject"]["encodedList"]
    assert encoded[0] == "u"  # multibase base64url
    bits = gzip.decompress(b64url(encoded[1:]))
    assert len(bits) >= 16 * 1024
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


def validate_schema(credential: dict) -> None:
    if not SCHEMA_FILE:
        return
    import jsonschema

    with open(SCHEMA_FILE, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(credential)] == []


def test_an_issued_badge_checks_out_independently_then_its_revocation_shows(
    client, completed, coordinator
):
    token = fetch_jwt_badge(client, completed.holder, completed.pk)

    credential = check_signature(client, token)
    validate_schema(credential)
    assert credential["iss"] == credential["issuer"]["id"]
    assert (
        client.get(path_of(credential["issuer"]["id"])).json()["id"] == credential["issuer"]["id"]
    )
    assert status_bit(client, credential) == 0

    # A coordinator revokes it in the admin, as staff do.
    client.force_login(coordinator)
    revoked = client.post(
        f"/admin/certificates/action/{completed.pk}/revoke/",
        {
            "category": "issued_in_error",
            "reason": "Issued to the wrong person",
            "confirmed": "1",
        },  # confirmed, after the public wording
    )
    assert revoked.status_code == 302
    client.logout()

    assert status_bit(client, credential) == 1


def test_a_changed_badge_fails_the_independent_signature_check(client, completed):
    token = fetch_jwt_badge(client, completed.holder, completed.pk)
    header, payload, signature = token.split(".")
    claims = json.loads(b64url(payload))
    claims["validUntil"] = "2099-12-31T23:59:59-05:00"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    with pytest.raises(InvalidSignature):
        check_signature(client, f"{header}.{forged_payload}.{signature}")


def test_the_demo_certificates_badge_validates_and_verifies(
    client, django_capture_on_commit_callbacks, openbadge_key_dir
):
    from lms.accounts.models import User

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert list(openbadge_key_dir.glob("*.key.pem"))  # the load signed the demo badge
    holder = User.objects.get(email="alex.mentor@example.org")
    certificate = holder.certificates.order_by("-pk").first()
    token = fetch_jwt_badge(client, holder, certificate.pk)
    credential = check_signature(client, token)
    validate_schema(credential)
    assert status_bit(client, credential) == 0
