"""The cached anonymous verification pages, in the cache every app server shares.

Each certificate's pages are cached under a generation that any change moves on. A request that
read the certificate before a revocation committed can only have cached its answer under the old
generation, which is never read again: the revocation shows on the very next request.
"""

from contextlib import suppress

from django.core.cache import cache

from lms.ops.cache import CacheUnavailable


def _generation_key(token: str) -> str:
    return f"verify-generation:{token}"


def verification_cache_key(token: str) -> str:
    """Where the anonymous verification page of `token` is cached: (generation, status, body)."""
    return f"verify:{token}"


def verification_cached(token: str) -> tuple[int, tuple[int, bytes] | None]:
    """The current generation and, if cached under it, the page's (status, body); one round
    trip to the cache. Store a page read from the database under the generation returned here,
    read before the database was: a change committed meanwhile has moved the generation on."""
    key, generation_key = verification_cache_key(token), _generation_key(token)
    found = cache.get_many([key, generation_key])
    generation = found.get(generation_key, 0)
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return generation, None
    return generation, (entry[1], entry[2])


def verification_store(
    token: str, *, generation: int, status: int, content: bytes, seconds: int
) -> None:
    cache.set(verification_cache_key(token), (generation, status, content), seconds)


def verification_forget(token: str) -> None:
    """Stop serving the cached page (call after commit): drop it and move the generation on."""
    cache.delete(verification_cache_key(token))
    cache.add(_generation_key(token), 0, timeout=None)
    with suppress(CacheUnavailable):  # no cache, so no cached page to forget
        cache.incr(_generation_key(token))
