"""Fixed-window rate limits in the shared cache, counted atomically (cache.add, then cache.incr).

With REDIS_URL set every app server counts in the one Redis; without it the local-memory cache
counts per process, which is enough for one process in development.

With the cache unreachable (Redis down) the limits fail open: the request is let through and
the outage logged (docs/decisions/0142). What they guard (lookups, sign-up mails) costs less
for a few minutes than refusing every visitor would; sign-in lockouts live in the database.
"""

import time

from django.core.cache import cache

from lms.ops.cache import CacheUnavailable


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> tuple[bool, int]:
    """Count one hit on `key`; (allowed, seconds to wait). Exactly `limit` hits per window pass,
    however many arrive at once: the increment is atomic in Redis and in the local cache."""
    counter = f"ratelimit:{key}"
    since = f"ratelimit:{key}:since"
    for _ in range(3):
        now = time.time()
        cache.add(since, now, window_seconds)
        cache.add(counter, 0, window_seconds)
        try:
            count = cache.incr(counter)
            break
        except CacheUnavailable:
            return True, 0
        except ValueError:  # the window ended between add and incr: open the next one
            continue
    else:  # pragma: no cover - three windows ending inside one call
        return False, window_seconds
    if count == 1:  # a key re-created by incr itself would otherwise never expire (Redis)
        cache.touch(counter, window_seconds)
    if count <= limit:
        return True, 0
    started = cache.get(since, now)
    return False, max(1, int(started + window_seconds - now) + 1)
