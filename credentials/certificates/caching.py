"""What the certificate hot paths read from the cache every app server shares.

Verification pages (middleware.CachedVerificationMiddleware): each certificate's anonymous page
is cached under a generation that any change moves on. A request that read the certificate
before a revocation committed can only have cached its answer under the old generation, which
is never read again: the revocation shows on the very next request.

Downloads: the narrow row a download needs (holder, code, stored PDF) is cached per certificate
under one version for all certificates, moved on by any save or deletion of one (issue, render,
consent, revoke, reissue: a handful a day). An id that names no certificate is cached as such
for a few minutes, so "not yours" and "does not exist" take the same time as well as giving
the same answer; creating a certificate moves the version on, so a cached "none" never hides it.

Each read is one round trip: the version and the entry together (lms.ops.versioned).
"""

from typing import cast

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from credentials.models.certificates import Certificate
from lms.ops import versioned

VERIFICATION_SECONDS = 30  # browsers may keep an answer this long too (Cache-Control)


def _generation_key(token: str) -> str:
    return f"verify-generation:{token}"


def verification_cache_key(token: str) -> str:
    """Where the anonymous verification page of `token` is cached:
    (generation, (status, headers, body))."""
    return f"verify:{token}"


Page = tuple[int, list[tuple[str, str]], bytes]  # status, headers, body


def verification_cached(token: str) -> tuple[int, Page | None]:
    """The current generation and, if cached under it, the page; one round trip to the cache.
    Store a page read from the database under the generation returned here, read before the
    database was: a change committed meanwhile has moved the generation on."""
    generation, page = versioned.read(
        _generation_key(token),
        verification_cache_key(token),
        # Any address makes a generation (the database is not asked first): short-lived.
        version_timeout=2 * VERIFICATION_SECONDS,
    )
    return generation, cast("Page | None", page)  # as verification_store keeps it


def verification_store(
    token: str,
    *,
    generation: int,
    status: int,
    headers: list[tuple[str, str]],
    content: bytes,
    seconds: int,
) -> None:
    versioned.store(verification_cache_key(token), generation, (status, headers, content), seconds)


def verification_forget(token: str) -> None:
    """Stop serving the cached page (call after commit): drop it and move the generation on."""
    cache.delete(verification_cache_key(token))
    versioned.bump(_generation_key(token))


FILES_VERSION_KEY = "certificates:files:version"
FILE_KEY = "certificates:file:{pk}"
FILE_SECONDS = 60 * 60 * 24
NO_FILE_SECONDS = 5 * 60
NONE = "none"  # stored for an id that names no certificate


def download_row_cached(pk: int) -> tuple[int, object | None]:
    """The version and, if cached under it, the certificate's download row (or NONE)."""
    return versioned.read(FILES_VERSION_KEY, FILE_KEY.format(pk=pk))


def download_row_store(pk: int, version: int, row) -> None:
    """Keep `row` (a narrow Certificate, or None when `pk` names no certificate)."""
    if row is None:
        versioned.store(FILE_KEY.format(pk=pk), version, NONE, NO_FILE_SECONDS)
    else:
        versioned.store(FILE_KEY.format(pk=pk), version, row, FILE_SECONDS)


def _certificate_changed(sender, **kwargs) -> None:
    versioned.bump_now_and_after_commit(FILES_VERSION_KEY)


def connect_signals() -> None:
    """From AppConfig.ready."""
    post_save.connect(_certificate_changed, sender=Certificate, dispatch_uid="cert-files-saved")
    post_delete.connect(_certificate_changed, sender=Certificate, dispatch_uid="cert-files-deleted")
