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
    """Where the anonymous verification page of `token` is cached now."""
    return f"verify:{token}:{cache.get(_generation_key(token), 0)}"


def verification_forget(token: str) -> None:
    """Stop serving the cached page (call after commit): drop it and move the generation on."""
    cache.delete(verification_cache_key(token))
    cache.add(_generation_key(token), 0, timeout=None)
    with suppress(CacheUnavailable):  # no cache, so no cached page to forget
        cache.incr(_generation_key(token))
