"""Securing credentials: VC-JWT (EdDSA with joserfc) and a DataIntegrityProof (eddsa-rdfc-2022).

Both use the same Ed25519 key. Verification takes the published public keys as a mapping from
key URL (the JWT `kid`, the proof's `verificationMethod`) to the raw 32-byte public key, so a
retired key verifies what it signed as long as it is published.
"""

import hashlib
import json
import warnings
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey
from pyld import jsonld

from credentials.certificates.openbadges import contexts
from credentials.certificates.openbadges.encoding import (
    b64url_decode,
    b64url_encode,
    multibase_b58,
    multibase_b58_decode,
)
from credentials.certificates.openbadges.keys import SigningKey

JWT_ALG = "EdDSA"  # what Open Badges 3.0 and VC-JWT verifiers read (RFC 8037)
CRYPTOSUITE = "eddsa-rdfc-2022"
MAX_JWT_CHARS = 256 * 1024


class SignatureProblem(ValueError):
    """Why a signature does not hold: `kind` is "malformed", "unknown_key" or "bad_signature"."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _json_bytes(document: dict) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _quietly(function, *args, **kwargs):
    # joserfc warns that "EdDSA" is superseded by "Ed25519" (RFC 9864); Open Badges verifiers
    # expect "EdDSA", which stays registered and secure for Ed25519 keys.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ----------------------------------------------------------------------------- VC-JWT


def sign_jwt(claims: dict, key: SigningKey, kid_url: str) -> str:
    """A compact JWS over the claims, with the header Open Badges allows (alg, kid, typ)."""
    header = {"alg": JWT_ALG, "kid": kid_url, "typ": "JWT"}
    return _quietly(
        jws.serialize_compact,
        header,
        _json_bytes(claims),
        OKPKey.import_key(key.private),
        algorithms=[JWT_ALG],
    )


def jwt_header(token: str) -> dict:
    """The JOSE header, unverified; SignatureProblem("malformed") if it cannot be read."""
    parts = token.split(".")
    if len(parts) != 3 or len(token) > MAX_JWT_CHARS:
        raise SignatureProblem("malformed", "not a compact JWS")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except (ValueError, UnicodeDecodeError) as error:
        raise SignatureProblem("malformed", "the JOSE header cannot be read") from error
    if not isinstance(header, dict):
        raise SignatureProblem("malformed", "the JOSE header is not an object")
    return header


def jwt_payload_unverified(token: str) -> dict | None:
    """The claims before any check, only to tell whose credential it says it is."""
    try:
        payload = json.loads(b64url_decode(token.split(".")[1]))
    except (ValueError, UnicodeDecodeError, IndexError):
        return None
    return payload if isinstance(payload, dict) else None


def verify_jwt(token: str, keys: dict[str, bytes]) -> dict:
    """The verified claims; SignatureProblem otherwise."""
    header = jwt_header(token)
    if header.get("alg") != JWT_ALG:
        raise SignatureProblem(
            "bad_signature", f"unexpected algorithm {str(header.get('alg'))[:20]}"
        )
    kid = header.get("kid")
    if not isinstance(kid, str) or kid not in keys:
        raise SignatureProblem("unknown_key", "signed with a key that is not one of ours")
    public = OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(keys[kid])})
    try:
        result = _quietly(jws.deserialize_compact, token, public, algorithms=[JWT_ALG])
        claims = json.loads(result.payload)
    except (JoseError, ValueError, UnicodeDecodeError) as error:
        raise SignatureProblem("bad_signature", "the signature does not match") from error
    if not isinstance(claims, dict):
        raise SignatureProblem("bad_signature", "the payload is not an object")
    return claims


# ----------------------------------------------------------------------------- Data Integrity


def canonical(document: dict) -> str:
    """RDF Dataset Canonicalization (URDNA2015, standardized as RDFC-1.0) as N-Quads."""
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": contexts.document_loader,
            "safe": True,
        },
    )


def _hash_data(document: dict, proof_config: dict) -> bytes:
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonical(proof_config).encode()).digest()
        + hashlib.sha256(canonical(unsecured).encode()).digest()
    )


def add_proof(document: dict, key: SigningKey, verification_method: str, created: datetime):
    """The document with an embedded DataIntegrityProof (eddsa-rdfc-2022) appended."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created.replace(microsecond=0).isoformat(),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.private.sign(_hash_data(document, {"@context": document["@context"], **proof}))
    return {**document, "proof": [{**proof, "proofValue": multibase_b58(signature)}]}


def verify_proof(document: dict, keys: dict[str, bytes]) -> dict:
    """The proof that holds, from one of our keys; SignatureProblem otherwise."""
    proofs = document.get("proof")
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list) or not proofs:
        raise SignatureProblem("malformed", "the credential carries no proof")
    ours = [
        proof
        for proof in proofs
        if isinstance(proof, dict)
        and proof.get("type") == "DataIntegrityProof"
        and proof.get("cryptosuite") == CRYPTOSUITE
    ]
    if not ours:
        raise SignatureProblem("malformed", "no eddsa-rdfc-2022 Data Integrity proof")
    proof = ours[0]
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or method not in keys:
        raise SignatureProblem("unknown_key", "signed with a key that is not one of ours")
    if proof.get("proofPurpose") != "assertionMethod":
        raise SignatureProblem("bad_signature", "the proof is not for assertions")
    try:
        signature = multibase_b58_decode(proof.get("proofValue", ""))
        config = {k: v for k, v in proof.items() if k != "proofValue"}
        data = _hash_data(document, {"@context": document.get("@context"), **config})
        Ed25519PublicKey.from_public_bytes(keys[method]).verify(signature, data)
    except (InvalidSignature, ValueError, TypeError) as error:
        raise SignatureProblem("bad_signature", "the signature does not match") from error
    except (contexts.UnknownContext, jsonld.JsonLdError) as error:
        raise SignatureProblem("bad_signature", "the credential cannot be canonicalized") from error
    return proof
