"""Check an uploaded Open Badge (JSON with a Data Integrity proof, or a VC-JWT) against our keys.

No ORM: the caller passes our issuer id, our published keys and a function that reads a status
bit from our status list. The answer is one of the statuses of the verification page: valid,
expired, revoked, not ours, tampered (and not yet valid, which we never issue).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from credentials.certificates.openbadges import builder, signing

MAX_UPLOAD_BYTES = 256 * 1024
JWS_RE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")

# Statuses (as on the verification page) and why.
VALID, EXPIRED, REVOKED, NOT_OURS, TAMPERED, NOT_YET_VALID = (
    "valid",
    "expired",
    "revoked",
    "not_ours",
    "tampered",
    "not_yet_valid",
)
EMPTY = "The file is empty. Choose the Open Badge file (.json or .jwt) the holder gave you."
TOO_BIG = "That file is larger than 256 KB; an Open Badge is much smaller."
NOT_A_BADGE = (
    "This file is not an Open Badge: we expected a JSON credential or a JWT (three parts "
    "separated by dots)."
)
NOT_A_CREDENTIAL = "This JSON file is not an Open Badges credential."
REASON_OTHER_ISSUER = "It names another issuer. We can only vouch for badges we issued."
REASON_OTHER_KEY = "It is not signed with any of our published keys, current or retired."
REASON_BAD_SIGNATURE = (
    "Its signature does not match its contents: it was changed after we issued it."
)
REASON_UNSIGNED = "It carries no signature that we can check."
REASON_INCONSISTENT = "Its signed claims contradict each other."
REASON_NO_STATUS = "It does not point into our status list."


class BadUpload(ValueError):
    """The upload is not something we can check at all (a 400 with this message)."""


@dataclass
class Outcome:
    status: str
    reason: str = ""
    format: str = ""
    credential: dict = field(default_factory=dict)

    @property
    def facts(self) -> dict:
        """What the badge itself says, for the answer page (nothing personal is in a badge)."""
        credential = self.credential or {}
        subject = credential.get("credentialSubject") or {}
        achievement = subject.get("achievement") if isinstance(subject, dict) else {}
        achievement = achievement if isinstance(achievement, dict) else {}
        issuer = credential.get("issuer")
        return {
            "title": str(credential.get("name") or achievement.get("name") or "")[:200],
            "issuer": str(issuer.get("name", "") if isinstance(issuer, dict) else issuer or "")[
                :200
            ],
            "valid_from": str(credential.get("validFrom") or "")[:40],
            "valid_until": str(credential.get("validUntil") or "")[:40],
            "hours": subject.get("creditsEarned") if isinstance(subject, dict) else None,
            "id": str(credential.get("id") or "")[:300],
        }


def parse(data: bytes) -> tuple[str, object]:
    """("jwt", token) or ("json", document); BadUpload for anything else."""
    if not data or not data.strip():
        raise BadUpload(EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        raise BadUpload(TOO_BIG)
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise BadUpload(NOT_A_BADGE) from None
    if JWS_RE.match(text):
        return "jwt", text
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            raise BadUpload(NOT_A_BADGE) from None
        if not isinstance(document, dict) or "@context" not in document or "type" not in document:
            raise BadUpload(NOT_A_CREDENTIAL)
        return "json", document
    raise BadUpload(NOT_A_BADGE)


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else ""


def _when(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else None


def _claims_agree(claims: dict) -> bool:
    """The registered JWT claims say what the credential inside them says."""
    try:
        expected = builder.jwt_claims(claims)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return all(
        claims.get(name) == expected.get(name) for name in ("iss", "jti", "sub", "nbf", "exp")
    )


def verify(
    data: bytes,
    *,
    issuer_id: str,
    keys: dict[str, bytes],
    status_bit: Callable[[str, int], bool | None],
    now: datetime,
) -> Outcome:
    """Check an uploaded badge; BadUpload when it is not a badge at all."""
    kind, content = parse(data)
    if kind == "jwt":
        unverified = signing.jwt_payload_unverified(content) or {}
        claimed = unverified.get("iss") or _issuer_id(unverified)
        if claimed and claimed != issuer_id:
            return Outcome(NOT_OURS, REASON_OTHER_ISSUER, kind, unverified)
        try:
            credential = signing.verify_jwt(content, keys)
        except signing.SignatureProblem as problem:
            reason = REASON_OTHER_KEY if problem.kind == "unknown_key" else REASON_BAD_SIGNATURE
            status = NOT_OURS if problem.kind == "unknown_key" else TAMPERED
            return Outcome(status, reason, kind, unverified)
        if not _claims_agree(credential):
            return Outcome(TAMPERED, REASON_INCONSISTENT, kind, credential)
    else:
        credential = content
        if _issuer_id(credential) != issuer_id:
            return Outcome(NOT_OURS, REASON_OTHER_ISSUER, kind, credential)
        try:
            signing.verify_proof(credential, keys)
        except signing.SignatureProblem as problem:
            if problem.kind == "unknown_key":
                return Outcome(NOT_OURS, REASON_OTHER_KEY, kind, credential)
            reason = REASON_UNSIGNED if problem.kind == "malformed" else REASON_BAD_SIGNATURE
            return Outcome(TAMPERED, reason, kind, credential)
    # Signed by us from here on: what it says is what we said.
    if _issuer_id(credential) != issuer_id or "OpenBadgeCredential" not in credential.get(
        "type", []
    ):
        return Outcome(TAMPERED, REASON_INCONSISTENT, kind, credential)
    status = credential.get("credentialStatus") or {}
    try:
        index = int(status.get("statusListIndex"))
        revoked = status_bit(status.get("statusListCredential"), index)
    except (AttributeError, TypeError, ValueError):
        revoked = None
    if revoked is None:
        return Outcome(TAMPERED, REASON_NO_STATUS, kind, credential)
    if revoked:
        return Outcome(REVOKED, "", kind, credential)
    valid_from, valid_until = (
        _when(credential.get("validFrom")),
        _when(credential.get("validUntil")),
    )
    if valid_from is None:
        return Outcome(TAMPERED, REASON_INCONSISTENT, kind, credential)
    if now < valid_from:
        return Outcome(NOT_YET_VALID, "", kind, credential)
    if credential.get("validUntil") is not None and (valid_until is None or now > valid_until):
        return Outcome(EXPIRED, "", kind, credential)
    return Outcome(VALID, "", kind, credential)
