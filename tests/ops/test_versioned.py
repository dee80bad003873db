"""Versioned cache entries (lms/ops/versioned.py): read with their version in one round trip,
never served once the version has moved on, whoever stored them and when."""

from unittest import mock

from django.core.cache import cache

import pytest

from lms.ops import versioned

VERSION, KEY = "test:version", "test:entry"


def test_an_entry_is_served_under_the_version_it_was_stored_with():
    version, value = versioned.read(VERSION, KEY)
    assert value is None
    versioned.store(KEY, version, "row", timeout=60)
    assert versioned.read(VERSION, KEY) == (version, "row")


def test_a_bump_hides_the_entry_and_a_racing_store_under_the_old_version_too():
    version, _ = versioned.read(VERSION, KEY)
    versioned.store(KEY, version, "before", timeout=60)
    versioned.bump(VERSION)
    assert versioned.read(VERSION, KEY)[1] is None
    versioned.store(KEY, version, "read before the change", timeout=60)  # a slow request
    new_version, value = versioned.read(VERSION, KEY)
    assert value is None and new_version != version


def test_a_cleared_cache_starts_a_version_never_used_before():
    version, _ = versioned.read(VERSION, KEY)
    versioned.store(KEY, version, "row", timeout=60)
    cache.delete(VERSION)  # evicted, or the cache was emptied
    again, value = versioned.read(VERSION, KEY)
    assert value is None and again != version


def test_one_round_trip_per_read():
    versioned.read(VERSION, KEY)  # the version exists from here on
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
        mock.patch.object(versioned, "_current", wraps=versioned._current) as separately,
    ):
        versioned.read(VERSION, KEY)
    assert (get_many.call_count, separately.call_count) == (1, 0)


@pytest.mark.parametrize("stored", [None, "row", ("not", "a", "pair", "at", "all")])
def test_what_another_release_left_at_the_key_is_not_served(stored):
    version, _ = versioned.read(VERSION, KEY)
    cache.set(KEY, stored, 60)
    assert versioned.read(VERSION, KEY) == (version, None)


def test_an_entry_of_another_shape_under_the_current_version_is_not_served():
    """The verification cache used to keep (generation, status, body) at the same key: after an
    upgrade that entry carries a current version, and must be a miss, not a value."""
    version, _ = versioned.read(VERSION, KEY)
    cache.set(KEY, (version, 200, b"<html>"), 60)
    assert versioned.read(VERSION, KEY) == (version, None)
