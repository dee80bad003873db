"""Version numbers for cached entries: a change bumps the number instead of deleting entries.

An entry is stored under the version that was current when it was read from the database. A
request that read the database just before a change stores its answer under the old version,
which nobody reads again, so a stale entry can never outlive the change; old versions expire.
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

# The versions this request has read: each is read from the cache once per request (a training
# page asks for the structure's several times), and forgotten when this request bumps it.
_read: ContextVar[dict[str, int] | None] = ContextVar("versions_read", default=None)


class RequestVersionsMiddleware:
    """Each version is read from the cache at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)


def current(key: str) -> int:
    """The version stored at `key` (a fresh one when the cache was cleared or evicted)."""
    read = _read.get()
    if read is not None and key in read:
        return read[key]
    version = _current(key)
    if read is not None:
        read[key] = version
    return version


def _current(key: str, timeout: int | None = None) -> int:
    version = cache.get(key)
    if version is None:
        # A cleared or evicted cache starts a fresh number, never one already used.
        cache.add(key, time.time_ns(), timeout=timeout)
        version = cache.get(key)
    return int(version) if version is not None else 0  # no cache at all: nothing to invalidate


def read(
    version_key: str, key: str, *, version_timeout: int | None = None
) -> tuple[int, object | None]:
    """The version at `version_key` and the entry at `key` if stored under that version (else
    None), in one round trip to the cache. Store a value read from the database with
    `store(key, version, value)`, under the version returned here: read before the database
    was, it is already stale if a change was committed meanwhile.

    A version made here (none was stored) lives `version_timeout` seconds: give one where the
    key comes from a visitor (an address), so made-up keys do not pile up. That is safe: a
    version that expires is replaced by a fresh number, under which nothing is stored yet."""
    found = cache.get_many([version_key, key])
    version = found.get(version_key)
    version = _current(version_key, version_timeout) if version is None else int(version)
    read = _read.get()
    if read is not None:
        read[version_key] = version
    entry = found.get(key)
    # Only a (version, value) pair under this version; anything else at the key (an entry an
    # earlier release kept in another shape, say) is a miss, never a value.
    if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version):
        return version, None
    return version, entry[1]


def store(key: str, version: int, value: object, timeout: int) -> None:
    """Keep `value` at `key`, valid while the version `read` returned stays current."""
    cache.set(key, (version, value), timeout=timeout)


def bump(key: str) -> None:
    read = _read.get()
    if read is not None:
        read.pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # not there (cleared or evicted): any fresh number will do
        cache.set(key, time.time_ns(), timeout=None)


def bump_now_and_after_commit(key: str) -> None:
    """Now, so nothing cached before the change is read again; and once more after the commit,
    so an entry rebuilt from the database before the commit (a concurrent request) is dropped."""
    bump(key)
    transaction.on_commit(lambda: bump(key))
