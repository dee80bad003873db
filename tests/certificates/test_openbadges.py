"""Open Badges 3.0: what a certificate's badge says, who gets it, keys, the status list, and the
recruiter's upload check (the verification matrix)."""

import hashlib
import io
import json
import os
import stat
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.urls import reverse

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credentials.certificates import pdf
from credentials.certificates import services as certificate_services
from credentials.certificates.openbadges import (
    builder,
    keys,
    selectors,
    services,
    signing,
    statuslist,
    verify,
)
from credentials.certificates.openbadges.encoding import b64url_decode, b64url_encode
from credentials.models import Certificate

pytestmark = pytest.mark.django_db


def download(client, certificate, fmt="jwt"):
    client.force_login(certificate.holder)
    response = client.get(reverse(f"certificates:openbadges:download_{fmt}", args=[certificate.pk]))
    client.logout()
    assert response.status_code == 200, response.content[:300]
    return response.content


def upload(client, content: bytes, email=""):
    data = {"badge": io.BytesIO(content)}
    if email:
        data["email"] = email
    return client.post(reverse("certificates:openbadges:verify_upload"), data)


def status_of(response) -> str:
    html = response.content.decode()
    for label in (
        "Valid.",
        "Expired.",
        "Revoked.",
        "Superseded.",
        "Not issued by us.",
        "Changed or damaged.",
        "Not yet valid.",
    ):
        if f"<strong>{label}</strong>" in html:
            return label
    return f"no answer ({response.status_code})"


def served_bit(client, credential: dict) -> bool:
    status = credential["credentialStatus"]
    path = urlsplit(status["statusListCredential"]).path
    listed = client.get(path).json()
    raw = statuslist.decode(listed["credentialSubject"]["encodedList"])
    return statuslist.bit(raw, int(status["statusListIndex"]))


# ----------------------------------------------------------------------------- the credential


def test_credential_states_the_track_criteria_hours_issuer_dates_evidence_and_status(completed):
    document, token = services.openbadge_for(certificate=completed)

    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"] == [builder.VC_CONTEXT, builder.OB_CONTEXT]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == completed.title
    assert achievement["achievementType"] == "CertificateOfCompletion"
    assert "Complete every module" in achievement["criteria"]["narrative"]
    assert "1. The peer mentor role and boundaries" in achievement["criteria"]["narrative"]
    assert achievement["creditsAvailable"] == float(completed.hours)
    assert "alignment" not in achievement and "PCB Approved" not in json.dumps(document)
    assert "not the Pennsylvania Certification Board" in achievement["description"]
    assert document["issuer"]["id"] == selectors.issuer().id
    assert document["validFrom"].startswith(completed.issued_on.isoformat())
    assert document["validUntil"].startswith(completed.expires_on.isoformat())
    assert document["evidence"][0]["id"] == pdf.verification_url(completed.token)
    status = document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert int(status["statusListIndex"]) == completed.openbadge_status_index
    assert document["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    claims = signing.verify_jwt(token, selectors.published_key_urls())
    assert claims["jti"] == document["id"] and claims["iss"] == document["issuer"]["id"]
    assert claims["sub"] == document["credentialSubject"]["id"]
    assert claims["exp"] > claims["nbf"]


def test_recipient_is_a_salted_sha256_of_the_email_never_the_address(client, completed):
    email = completed.holder.email
    as_json = download(client, completed, "json").decode()
    as_jwt = download(client, completed, "jwt").decode()
    payload = b64url_decode(as_jwt.split(".")[1]).decode()

    for text in (as_json, payload):
        assert email not in text and email.lower() not in text and email.split("@")[0] not in text
        assert completed.holder_name not in text  # the badge names nobody in plain text
    identity = json.loads(as_json)["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    digest = hashlib.sha256((email.lower() + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${digest}"
    assert len(identity["salt"]) >= 16
    # The same badge on every download: stable salt, deterministic signature.
    assert download(client, completed, "jwt").decode() == as_jwt


def test_pcb_approved_track_badge_carries_the_exact_approval(mentor):
    from lms.training.models import TrackPage

    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    track.pcb_approved_hours = Decimal("19.0")
    track.pcb_approved_title = "Peer Mentor Foundations (PCB course 1234)"
    track.save()
    certificate = certificate_services.certificate_issue(user=mentor, track=track)

    document, _ = services.openbadge_for(certificate=certificate)

    alignment = document["credentialSubject"]["achievement"]["alignment"][0]
    assert alignment["targetName"] == "Peer Mentor Foundations (PCB course 1234)"
    assert alignment["targetDescription"] == "PCB Approved for 19 Hours"
    assert alignment["targetFramework"] == "Pennsylvania Certification Board"
    assert (
        "PCB Approved for 19 Hours" in document["credentialSubject"]["achievement"]["description"]
    )


@pytest.mark.skipif(
    not os.environ.get("OB3_SCHEMA_FILE"),
    reason="1EdTech's OB 3.0 JSON schema is not packaged on PyPI or npm; set OB3_SCHEMA_FILE "
    "to a local copy (see docs/decisions/0030-open-badges-credentials.md)",
)
def test_credential_validates_against_1edtechs_achievementcredential_schema(completed):
    import jsonschema

    with open(os.environ["OB3_SCHEMA_FILE"], encoding="utf-8") as handle:
        schema = json.load(handle)
    document, _ = services.openbadge_for(certificate=completed)

    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(document)] == []


# ----------------------------------------------------------------------------- status index


def test_status_index_is_drawn_once_and_never_changes(completed, make_user):
    first = services.openbadge_status_index_allocate(certificate=completed)
    again = services.openbadge_status_index_allocate(
        certificate=Certificate.objects.get(pk=completed.pk)
    )
    assert first == again == Certificate.objects.get(pk=completed.pk).openbadge_status_index
    assert 0 <= first < statuslist.LIST_SIZE


def test_a_drawn_index_already_taken_is_refused_by_the_database_and_drawn_again(
    completed, make_user, monkeypatch
):
    from lms.training.models import TrackPage

    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    second = certificate_services.certificate_issue(user=make_user("Mentor"), track=track)
    draws = iter([7, 7, 7, 9])
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: next(draws))

    assert services.openbadge_status_index_allocate(certificate=completed) == 7
    # The second certificate draws 7 twice (taken: the unique constraint says no), then 9.
    assert services.openbadge_status_index_allocate(certificate=second) == 9
    assert Certificate.objects.get(pk=second.pk).openbadge_status_index == 9


def test_revoked_and_superseded_certificates_get_no_badge(client, completed, coordinator):
    replacement = certificate_services.certificate_reissue(
        certificate=completed, by=coordinator, holder_name="Alex R.", reason="Name change"
    )
    client.force_login(completed.holder)
    url = reverse("certificates:openbadges:download_jwt", args=[completed.pk])
    assert client.get(url).status_code == 404
    certificate_services.certificate_revoke(
        certificate=replacement, by=coordinator, reason="Shared answers", category="other"
    )
    url = reverse("certificates:openbadges:download_json", args=[replacement.pk])
    assert client.get(url).status_code == 404
    html = client.get(reverse("certificates:mine")).content.decode()
    assert "Download as Open Badge" not in html


# ----------------------------------------------------------------------------- the holder


def test_only_the_holder_and_coordinators_download_the_badge(
    client, completed, make_user, coordinator
):
    url = reverse("certificates:openbadges:download_jwt", args=[completed.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(make_user("Mentor"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("Recruiter"))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(completed.holder)
    response = client.get(url)
    assert response["Content-Disposition"].endswith(f'open-badge-{completed.code}.jwt"')
    assert "no-store" in response["Cache-Control"]


def test_certificates_page_offers_both_downloads_and_a_linkedin_link_with_the_details(
    client, completed
):
    client.force_login(completed.holder)
    html = client.get(reverse("certificates:mine")).content.decode()

    assert "Download as Open Badge (JSON)" in html and "Download as Open Badge (JWT)" in html
    start = html.index("https://www.linkedin.com/profile/add?")
    link = html[start : html.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [completed.title]
    assert query["organizationName"] == ["Peer Mentor Program"]
    assert query["issueYear"] == [str(completed.issued_on.year)]
    assert query["issueMonth"] == [str(completed.issued_on.month)]
    assert query["expirationYear"] == [str(completed.expires_on.year)]
    assert query["expirationMonth"] == [str(completed.expires_on.month)]
    assert query["certUrl"] == [pdf.verification_url(completed.token)]
    assert query["certId"] == [completed.formatted_code]


# ----------------------------------------------------------------------------- published keys


def test_keys_issuer_profile_and_key_documents_are_published(client, completed):
    services.openbadge_for(certificate=completed)
    jwks = client.get("/.well-known/jwks.json")
    assert jwks["Content-Type"] == "application/jwk-set+json"
    assert jwks["Access-Control-Allow-Origin"] == "*"
    [key] = jwks.json()["keys"]
    assert key["kty"] == "OKP" and key["crv"] == "Ed25519" and "d" not in key
    document = client.get(urlsplit(key["kid"]).path).json()
    assert document["x"] == key["x"] and document["type"] == "Multikey"
    assert document["publicKeyMultibase"].startswith("z6Mk")
    assert document["controller"] == selectors.issuer().id
    profile = client.get("/openbadges/issuer").json()
    assert profile["id"] == selectors.issuer().id and profile["type"] == ["Profile"]
    assert profile["jwks_uri"] == selectors.jwks_url()
    assert client.get("/openbadges/keys/" + "A" * 43).status_code == 404


def test_keys_are_files_outside_the_database_private_ones_readable_by_the_owner_only(
    completed, openbadge_key_dir, monkeypatch
):
    services.openbadge_for(certificate=completed)
    kid = keys.active_kid(openbadge_key_dir)
    assert stat.S_IMODE(openbadge_key_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((openbadge_key_dir / f"{kid}.key.pem").stat().st_mode) == 0o600
    assert b"ENCRYPTED" not in (openbadge_key_dir / f"{kid}.key.pem").read_bytes()
    # With a passphrase, new keys are encrypted at rest and still sign.
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "correct horse battery staple")
    new, _ = keys.rotate(openbadge_key_dir)
    assert b"ENCRYPTED PRIVATE KEY" in (openbadge_key_dir / f"{new}.key.pem").read_bytes()
    assert keys.signing_key(openbadge_key_dir).kid == new


def test_rotation_command_retires_the_old_key_which_stays_published_and_verifies(
    client, completed, openbadge_key_dir
):
    old_jwt = download(client, completed, "jwt")
    old_kid = keys.active_kid(openbadge_key_dir)
    out = io.StringIO()
    call_command("openbadges_keys", "--rotate", stdout=out)

    new_kid = keys.active_kid(openbadge_key_dir)
    assert new_kid != old_kid and f"Retired {old_kid}" in out.getvalue()
    assert not (openbadge_key_dir / f"{old_kid}.key.pem").exists()  # private half destroyed
    kids = {
        urlsplit(k["kid"]).path.rsplit("/", 1)[1]
        for k in client.get("/.well-known/jwks.json").json()["keys"]
    }
    assert kids == {old_kid, new_kid}
    assert status_of(upload(client, old_jwt)) == "Valid."
    new_jwt = download(client, completed, "jwt")
    assert signing.jwt_header(new_jwt.decode())["kid"].endswith(new_kid)
    assert status_of(upload(client, new_jwt)) == "Valid."


def test_an_unusable_key_directory_answers_503_not_500(client, completed, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "bad.pub.json").write_text("{not json")
    settings.OPENBADGES_KEY_DIR = str(tmp_path / "keys")
    assert client.get("/.well-known/jwks.json").status_code == 503
    client.force_login(completed.holder)
    url = reverse("certificates:openbadges:download_jwt", args=[completed.pk])
    assert client.get(url).status_code == 503


# ----------------------------------------------------------------------------- status list


def test_revoking_sets_the_bit_in_the_very_next_list_served(client, completed, coordinator):
    document = json.loads(download(client, completed, "json"))
    assert served_bit(client, document) is False  # served (and cached) before the revocation

    client.force_login(coordinator)
    response = client.post(
        reverse("certificates_admin:action", args=[completed.pk, "revoke"]),
        {
            "category": "requirements_not_met",
            "reason": "Quiz answers were shared",
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    client.logout()

    assert served_bit(client, document) is True
    listed = client.get(urlsplit(document["credentialStatus"]["statusListCredential"]).path)
    assert "no-cache" in listed["Cache-Control"]
    token = client.get(
        urlsplit(document["credentialStatus"]["statusListCredential"]).path + ".jwt"
    ).content.decode()
    claims = signing.verify_jwt(token, selectors.published_key_urls())
    assert (
        claims["credentialSubject"]["encodedList"]
        == listed.json()["credentialSubject"]["encodedList"]
    )


def test_consent_off_hides_the_public_credential_and_the_list_names_nobody(client, completed):
    document = json.loads(download(client, completed, "json"))
    path = urlsplit(document["id"]).path
    assert client.get(path).json()["id"] == document["id"]

    client.force_login(completed.holder)
    client.post(reverse("certificates:set_public", args=[completed.pk]), {})
    client.logout()

    hidden = client.get(path)
    unknown = client.get("/openbadges/credentials/" + "0" * 32)
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.content == unknown.content
    listed = client.get(urlsplit(document["credentialStatus"]["statusListCredential"]).path)
    text = listed.content.decode()
    for secret in (completed.holder.email, completed.holder_name, completed.token, completed.code):
        assert secret not in text
    assert set(listed.json()["credentialSubject"]) == {"id", "type", "statusPurpose", "encodedList"}
    # The holder's own copy still verifies: consent governs what we publish, not their badge.
    assert status_of(upload(client, json.dumps(document).encode())) == "Valid."


# ----------------------------------------------------------------------------- verification matrix


@pytest.mark.parametrize("fmt", ["json", "jwt"])
def test_an_issued_badge_verifies_as_valid(client, completed, fmt):
    response = upload(client, download(client, completed, fmt))
    assert response.status_code == 200 and status_of(response) == "Valid."
    assert completed.title in response.content.decode()


@pytest.mark.parametrize("fmt", ["json", "jwt"])
def test_one_changed_byte_is_refused_as_tampered(client, completed, fmt):
    original = download(client, completed, fmt)
    if fmt == "jwt":
        header, payload, signature = original.split(b".")
        claims = json.loads(b64url_decode(payload.decode()))
        claims["credentialSubject"]["creditsEarned"] = 91  # one digit more hours
        changed = b".".join(
            [header, b64url_encode(json.dumps(claims).encode()).encode(), signature]
        )
        # And literally one byte, in the signature and in the payload (all 6 bits of a
        # base64url character in the middle of a segment are used, so the bytes differ).
        for position in (len(original) - 10, len(header) + 1 + len(payload) // 2):
            char = original[position : position + 1]
            flipped = (
                original[:position] + (b"A" if char != b"A" else b"g") + original[position + 1 :]
            )
            assert status_of(upload(client, flipped)) == "Changed or damaged.", position
    else:
        position = original.index(b'"creditsEarned": ') + len(b'"creditsEarned": ')
        changed = original[:position] + b"9" + original[position + 1 :]
    assert len(changed) >= len(original) - 2
    response = upload(client, changed)
    assert response.status_code == 422 and status_of(response) == "Changed or damaged."
    assert "changed after we issued it" in response.content.decode()


def _foreign_jwt(document: dict, *, kid: str, issuer_id: str | None = None) -> bytes:
    foreign = keys.SigningKey("foreign", Ed25519PrivateKey.generate())
    if issuer_id:
        document = {**document, "issuer": {**document["issuer"], "id": issuer_id}}
    return signing.sign_jwt(builder.jwt_claims(document), foreign, kid).encode()


def test_a_badge_signed_with_a_foreign_key_is_not_ours(client, completed):
    document = json.loads(download(client, completed, "json"))
    document.pop("proof")
    response = upload(client, _foreign_jwt(document, kid="https://elsewhere.example/keys/1"))
    assert response.status_code == 422 and status_of(response) == "Not issued by us."
    assert "not signed with any of our published keys" in response.content.decode()


def test_a_badge_naming_our_key_but_signed_with_another_is_tampered(client, completed):
    document = json.loads(download(client, completed, "json"))
    document.pop("proof")
    ours = next(iter(selectors.published_key_urls()))
    response = upload(client, _foreign_jwt(document, kid=ours))
    assert status_of(response) == "Changed or damaged."
    # The JSON form: our verificationMethod, someone else's signature.
    signed = signing.add_proof(
        document,
        keys.SigningKey("x", Ed25519PrivateKey.generate()),
        ours,
        completed.created_at,
    )
    assert status_of(upload(client, json.dumps(signed).encode())) == "Changed or damaged."


def test_a_badge_from_an_unknown_issuer_is_not_ours(client, completed):
    document = json.loads(download(client, completed, "json"))
    document.pop("proof")
    other = "https://badges.other-program.example/issuer"
    jwt = _foreign_jwt(document, kid="https://badges.other-program.example/k1", issuer_id=other)
    response = upload(client, jwt)
    assert (
        status_of(response) == "Not issued by us." and "another issuer" in response.content.decode()
    )
    document["issuer"]["id"] = other
    assert status_of(upload(client, json.dumps(document).encode())) == "Not issued by us."


@pytest.mark.parametrize("fmt", ["json", "jwt"])
def test_an_expired_certificates_badge_answers_expired(client, completed, fmt):
    Certificate.objects.filter(pk=completed.pk).update(
        issued_on=completed.issued_on - timedelta(days=800),
        expires_on=completed.issued_on - timedelta(days=70),
    )
    completed.refresh_from_db()
    response = upload(client, download(client, completed, fmt))
    assert response.status_code == 200 and status_of(response) == "Expired."


@pytest.mark.parametrize("fmt", ["json", "jwt"])
def test_a_revoked_certificates_badge_answers_revoked(client, completed, coordinator, fmt):
    badge = download(client, completed, fmt)
    certificate_services.certificate_revoke(
        certificate=completed, by=coordinator, reason="Issued in error", category="issued_in_error"
    )
    assert status_of(upload(client, badge)) == "Revoked."


def test_a_replaced_certificates_badge_answers_superseded(client, completed, coordinator):
    badge = download(client, completed, "jwt")
    certificate_services.certificate_reissue(
        certificate=completed, by=coordinator, holder_name="Alex R.", reason="Name change"
    )
    assert status_of(upload(client, badge)) == "Superseded."


def test_a_badge_pointing_outside_our_status_list_is_refused(client, completed):
    document = json.loads(download(client, completed, "json"))
    assert selectors.status_bit("https://elsewhere.example/status/1", 3) is None
    assert selectors.status_bit(document["credentialStatus"]["statusListCredential"], -1) is None
    outcome = verify.verify(
        download(client, completed, "jwt"),
        issuer_id=selectors.issuer().id,
        keys=selectors.published_key_urls(),
        status_bit=lambda url, index: None,
        now=completed.created_at,
    )
    assert outcome.status == verify.TAMPERED and outcome.reason == verify.REASON_NO_STATUS


def test_the_optional_email_check_matches_only_the_holders_address(client, completed):
    badge = download(client, completed, "jwt")
    email = completed.holder.email
    assert (
        "is the one this badge was issued to"
        in upload(client, badge, email.upper()).content.decode()
    )
    assert "is not the one" in upload(client, badge, "someone@example.org").content.decode()
    assert "is the one" not in upload(client, badge).content.decode()


BAD_UPLOADS = [
    (b"", "The submitted file is empty", None),
    (b"   \n", verify.EMPTY, None),
    (b"%PDF-1.4 not a badge", verify.NOT_A_BADGE, None),
    (b"\xff\xfe\x00garbage", verify.NOT_A_BADGE, None),
    (b'{"hello": "world"}', verify.NOT_A_CREDENTIAL, None),
    (b"{not json", verify.NOT_A_BADGE, None),
    (b"[1, 2, 3]", verify.NOT_A_BADGE, None),
    (b"x" * (verify.MAX_UPLOAD_BYTES + 1), verify.TOO_BIG, None),
]


@pytest.mark.parametrize(("content", "message", "_"), BAD_UPLOADS)
def test_garbage_empty_and_oversized_uploads_get_a_clear_400(client, content, message, _):
    response = upload(client, content)
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert message.split(":")[0] in html or "empty" in html


def test_a_missing_file_gets_a_400_and_keeps_the_typed_email(client):
    response = client.post(
        reverse("certificates:openbadges:verify_upload"), {"email": "kept@example.org"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the Open Badge file" in html and 'value="kept@example.org"' in html


@pytest.mark.parametrize(
    "content",
    [b"a.b.c", b"eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.", b"e30.e30.e30", b"!!!.???.###"],
)
def test_jwt_lookalikes_never_verify(client, content):
    response = upload(client, content)
    assert response.status_code in (400, 422)
    assert status_of(response) != "Valid."


def test_an_unsigned_json_credential_is_not_trusted(client, completed):
    document = json.loads(download(client, completed, "json"))
    document.pop("proof")
    response = upload(client, json.dumps(document).encode())
    assert (
        status_of(response) == "Changed or damaged." and "no signature" in response.content.decode()
    )


def test_the_upload_form_is_on_the_verify_page(client):
    html = client.get(reverse("certificates:verify")).content.decode()
    assert 'action="/verify/badge/"' in html and 'name="badge"' in html
    assert '<label for="id_badge">' in html
