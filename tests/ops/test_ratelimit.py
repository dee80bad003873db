"""Rate limits in the shared cache: atomic, so parallel requests cannot slip past the limit."""

import os
import threading
import uuid

from django.test import override_settings

import pytest

from credentials.certificates import selectors
from lms.ops.ratelimit import rate_limit_hit

PARALLEL = 40
REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="set REDIS_URL to test the Redis cache")


def _parallel_lookups(client: str) -> list[tuple[bool, int]]:
    results: list[tuple[bool, int]] = []
    barrier = threading.Barrier(PARALLEL)

    def lookup():
        barrier.wait()
        results.append(selectors.lookup_allowed(client=client))

    threads = [threading.Thread(target=lookup) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_forty_parallel_lookups_let_exactly_twenty_through():
    results = _parallel_lookups(f"client-{uuid.uuid4().hex}")

    allowed = sum(1 for ok, _ in results if ok)
    print(f"local cache: {PARALLEL} parallel lookups, {allowed} allowed")
    assert allowed == selectors.LOOKUPS_PER_MINUTE == 20
    assert all(1 <= wait <= 61 for ok, wait in results if not ok)


@needs_redis
def test_forty_parallel_lookups_on_redis_let_exactly_twenty_through():
    # Each thread opens its own Redis connection, as separate app servers would.
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    with override_settings(CACHES={"default": redis}):
        results = _parallel_lookups("one-client")

    allowed = sum(1 for ok, _ in results if ok)
    print(f"Redis: {PARALLEL} parallel lookups, {allowed} allowed")
    assert allowed == 20


def test_a_new_window_opens_when_the_old_one_ends():
    key = f"k-{uuid.uuid4().hex}"
    assert [rate_limit_hit(key=key, limit=2, window_seconds=60)[0] for _ in range(3)] == [
        True,
        True,
        False,
    ]
    from django.core.cache import cache

    cache.delete(f"ratelimit:{key}")  # as when the window's keys expire
    assert rate_limit_hit(key=key, limit=2, window_seconds=60) == (True, 0)
