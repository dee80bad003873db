"""Open Badges writes: the status index of a certificate, and signing what is served.

Signing is deterministic for given facts and key (Ed25519 signatures are, and the proof's
`created` is fixed per certificate and key), so results are cached by a digest of what they
cover: a revocation, a new key or a changed fact gives a new cache key, and the next answer is
fresh at once, whichever cache backend and however many processes serve it.
"""

import hashlib
import json
import secrets
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from credentials.certificates.openbadges import builder, keys, selectors, signing, statuslist
from credentials.models.certificates import Certificate

CACHE_SECONDS = 24 * 60 * 60
INDEX_DRAWS = 32
NO_BADGE = "This certificate has no Open Badge: it was revoked or replaced."


class BadgeError(ValueError):
    pass


def _draw_index() -> int:
    """A random free index, in the first list that is less than half used (herd privacy)."""
    used = Certificate.objects.filter(openbadge_status_index__isnull=False).count()
    number = used // (statuslist.LIST_SIZE // 2)
    return number * statuslist.LIST_SIZE + secrets.randbelow(statuslist.LIST_SIZE)


def openbadge_status_index_allocate(*, certificate: Certificate) -> int:
    """Give the certificate its status-list index, once: drawn at random, unique in the database.

    The row is locked while drawing; a clash with another certificate's index is refused by the
    unique constraint and drawn again.
    """
    if certificate.openbadge_status_index is not None:
        return certificate.openbadge_status_index
    for _ in range(INDEX_DRAWS):
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if locked.openbadge_status_index is None:
                index = _draw_index()
                try:
                    with transaction.atomic():
                        Certificate.objects.filter(pk=locked.pk).update(
                            openbadge_status_index=index
                        )
                except IntegrityError:
                    continue
                locked.openbadge_status_index = index
        certificate.openbadge_status_index = locked.openbadge_status_index
        return certificate.openbadge_status_index
    raise BadgeError("could not draw a free status index")


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def _proof_time(certificate: Certificate, key_created: str) -> datetime:
    """When the proof says it was made: the later of the issue and the key's creation."""
    created = datetime.fromisoformat(key_created)
    return max(certificate.created_at.astimezone(UTC), created)


def openbadge_for(*, certificate: Certificate) -> tuple[dict, str]:
    """(credential with its Data Integrity proof, VC-JWT) for a current or expired certificate."""
    if certificate.revoked_at or certificate.superseded_at:
        raise BadgeError(NO_BADGE)
    openbadge_status_index_allocate(certificate=certificate)
    facts = selectors.badge_facts(certificate)
    key = keys.signing_key()
    public = next(k for k in keys.published_keys() if k.kid == key.kid)
    cache_key = f"openbadges:credential:{_digest(facts, key.kid)}"
    if (cached := cache.get(cache_key)) is not None:
        return json.loads(cached[0]), cached[1]
    document = builder.credential(facts)
    method = selectors.key_url(key.kid)
    signed = signing.add_proof(document, key, method, _proof_time(certificate, public.created))
    token = signing.sign_jwt(builder.jwt_claims(document), key, method)
    cache.set(cache_key, (json.dumps(signed), token), CACHE_SECONDS)
    return signed, token


def status_list_for(*, number: int, now=None) -> tuple[dict, str]:
    """(status list credential with its proof, VC-JWT) as it stands: revoked bits set."""
    revoked = selectors.revoked_indices(number)
    key = keys.signing_key()
    issuer = selectors.issuer()
    cache_key = f"openbadges:status:{number}:{_digest(revoked, key.kid, issuer)}"
    if (cached := cache.get(cache_key)) is not None:
        return json.loads(cached[0]), cached[1]
    now = (now or timezone.now()).astimezone(UTC).replace(microsecond=0)
    document = builder.status_list_credential(
        list_url=selectors.status_list_url(number),
        issuer=issuer,
        encoded_list=statuslist.encode(revoked),
        valid_from=now,
    )
    method = selectors.key_url(key.kid)
    signed = signing.add_proof(document, key, method, now)
    token = signing.sign_jwt(builder.status_list_jwt_claims(document), key, method)
    cache.set(cache_key, (json.dumps(signed), token), CACHE_SECONDS)
    return signed, token
