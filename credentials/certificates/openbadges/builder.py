"""Build the Open Badges 3.0 documents from plain facts (pure: no ORM, no keys, no clock).

The shapes follow 1EdTech's Open Badges 3.0 (an OpenBadgeCredential in the W3C Verifiable
Credentials 2.0 data model) and W3C's Bitstring Status List v1.0. The JSON-LD terms used here
are all defined by the two contexts named in @context, so a Data Integrity proof covers every
property (nothing is dropped when the document is canonicalized).
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
PROGRAMME_TZ = ZoneInfo("America/New_York")
# Pennsylvania Certification Board: the body whose approval a track may carry.
PCB_NAME = "Pennsylvania Certification Board"
PCB_URL = "https://www.pacertboard.org/"
NOT_CRS = (
    "A certificate of completion of this program's training. It is not the Pennsylvania "
    "Certification Board's Certified Recovery Specialist (CRS) credential."
)
LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class BadgeFacts:
    """What one certificate says, as plain data.

    Personal data: email (only ever used hashed with the salt), never placed in a document.
    """

    credential_id: str
    issuer: Issuer
    achievement_id: str
    title: str
    track_title: str
    track_version: int
    criteria: str
    hours: Decimal
    issued_on: date
    expires_on: date | None
    email: str
    salt: str
    verification_url: str
    status_list_url: str
    status_index: int
    pcb_approved_hours: Decimal | None = None
    pcb_approved_title: str = ""


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0, 0), tzinfo=PROGRAMME_TZ)


def end_of_day(day: date) -> datetime:
    """A certificate is valid through its expiry date, in the program's time zone."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=PROGRAMME_TZ)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def identity_hash(email: str, salt: str) -> str:
    """Open Badges' IdentityHash: "sha256$" + hex SHA-256 of the identifier with the salt."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def subject_id(credential_id: str) -> str:
    """An opaque subject identifier derived from the credential id: no personal data in it."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, credential_id + '#subject')}"


def _number(value: Decimal) -> int | float:
    """Hours as a JSON number: 19 rather than 19.0, so every JSON-LD processor reads one value."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _hours_text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def criteria_narrative(*, track_title: str, modules: list[tuple[str, int]], hours) -> str:
    """The criteria in words: every module, in order, each closed by a quiz to pass."""
    lines = [
        f'Complete every module of the training track "{track_title}" ({_hours_text(hours)} '
        "training hours), in order. Each module opens only when the quiz of the module before "
        "it is passed, and is completed by passing its own quiz:"
    ]
    for number, (title, pass_mark) in enumerate(modules, start=1):
        lines.append(f"{number}. {title} (quiz pass mark {pass_mark}%)")
    return "\n".join(lines)


def achievement(facts: BadgeFacts) -> dict:
    description = (
        f'Completion of the training track "{facts.track_title}" of {facts.issuer.name}, '
        f"{_hours_text(facts.hours)} hours. {NOT_CRS}"
    )
    document = {
        "id": facts.achievement_id,
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": facts.title,
        "description": description,
        "criteria": {"narrative": facts.criteria},
        "creditsAvailable": _number(facts.hours),
        "inLanguage": "en-US",
        "version": str(facts.track_version),
        "creator": _profile(facts.issuer),
    }
    if facts.pcb_approved_hours:
        approved = f"PCB Approved for {_hours_text(facts.pcb_approved_hours)} Hours"
        document["description"] += f" {facts.pcb_approved_title or facts.title}: {approved}."
        document["alignment"] = [
            {
                "type": ["Alignment"],
                "targetName": facts.pcb_approved_title or facts.title,
                "targetDescription": approved,
                "targetFramework": PCB_NAME,
                "targetUrl": PCB_URL,
            }
        ]
    return document


def _profile(issuer: Issuer) -> dict:
    return {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url}


def credential(facts: BadgeFacts) -> dict:
    """The OpenBadgeCredential for a certificate, without any proof."""
    document = {
        "@context": list(CONTEXTS),
        "id": facts.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.title,
        "description": f"Certificate of completion issued by {facts.issuer.name}. {NOT_CRS}",
        "issuer": _profile(facts.issuer),
        "validFrom": start_of_day(facts.issued_on).isoformat(),
        "awardedDate": start_of_day(facts.issued_on).isoformat(),
        "credentialSubject": {
            "id": subject_id(facts.credential_id),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "hashed": True,
                    "identityHash": identity_hash(facts.email, facts.salt),
                    "identityType": "emailAddress",
                    "salt": facts.salt,
                }
            ],
            "achievement": achievement(facts),
            "creditsEarned": _number(facts.hours),
        },
        "evidence": [
            {
                "id": facts.verification_url,
                "type": ["Evidence"],
                "name": "Public verification page",
                "description": "Where the issuer answers whether this certificate is valid, "
                "expired or revoked, while the holder allows it.",
            }
        ],
        "credentialStatus": {
            "id": f"{facts.status_list_url}#{facts.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(facts.status_index),
            "statusListCredential": facts.status_list_url,
        },
    }
    if facts.expires_on:
        document["validUntil"] = end_of_day(facts.expires_on).isoformat()
    return document


def jwt_claims(document: dict) -> dict:
    """The VC-JWT payload: the credential itself plus the registered claims Open Badges asks for."""
    claims = dict(document)
    claims["iss"] = document["issuer"]["id"]
    claims["jti"] = document["id"]
    claims["sub"] = document["credentialSubject"]["id"]
    claims["nbf"] = int(datetime.fromisoformat(document["validFrom"]).timestamp())
    if "validUntil" in document:
        claims["exp"] = int(datetime.fromisoformat(document["validUntil"]).timestamp())
    return claims


def status_list_credential(
    *, list_url: str, issuer: Issuer, encoded_list: str, valid_from: datetime
) -> dict:
    """A BitstringStatusListCredential (revocation) for one list. It names no holder."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": valid_from.isoformat(),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }


def status_list_jwt_claims(document: dict) -> dict:
    claims = dict(document)
    claims["iss"] = document["issuer"]
    claims["jti"] = document["id"]
    claims["sub"] = document["credentialSubject"]["id"]
    claims["nbf"] = int(datetime.fromisoformat(document["validFrom"]).timestamp())
    return claims


def issuer_profile(issuer: Issuer, *, jwks_url: str, key_urls: list[str]) -> dict:
    """The issuer's public Profile, served at its id; names where its public keys are."""
    return {
        "@context": list(CONTEXTS),
        **_profile(issuer),
        "description": "Issues certificates of completion of its peer mentor training as "
        "Open Badges 3.0 credentials. Public keys: see jwks_uri.",
        "jwks_uri": jwks_url,
        "verificationMethod": key_urls,
    }


def linkedin_add_url(
    *,
    name: str,
    organization: str,
    issued_on: date,
    expires_on: date | None,
    cert_url: str,
    cert_id: str,
) -> str:
    """LinkedIn's "Add to profile" link for a certification (the browser opens it; we never do)."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": organization,
        "issueYear": issued_on.year,
        "issueMonth": issued_on.month,
    }
    if expires_on:
        params["expirationYear"] = expires_on.year
        params["expirationMonth"] = expires_on.month
    params["certUrl"] = cert_url
    params["certId"] = cert_id
    return f"{LINKEDIN_ADD_URL}?{urlencode(params)}"
