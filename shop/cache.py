"""Catalogue caching with one invalidation mechanism: a version number.

Every cached catalogue read (data, and the rendered fragments of shop/fragments.py) is stored
with the catalogue version it was computed under. A change shoppers must see at once (price,
name, activity, a category, a review, a product selling out or coming back) bumps the version
once the transaction commits, so every entry is stale at once; no code has to know which keys a
change affects.

Stock is not the catalogue. An order that takes 3 of 40 units does not bump the version: pages
read the live stock of the products they show (`live_stock`), and a rendered fragment is keyed by
the stock *states* it shows (in stock, only N left, sold out), so it is rendered again only when
one of those states changes. The version moves only when a product sells out or comes back,
because lists filtered on "in stock" depend on it.

The version is read from the cache at most once per request. When an entry is stale, one process
recomputes it (a short lock in the cache) while the others keep serving the previous value;
when there is no previous value they wait briefly for it. So an expiring page under load costs
one recomputation, not one per worker.

An entry is as old as its oldest part. A page is built from other entries (a page of products,
the categories), and one of those may be a previous value served while another process
recomputes it: the page is then stored under that older version, never the current one, so the
next request builds it again instead of serving an old price as current until the next change.
Likewise an entry with a maximum age built from another (the legacy list's body from its rows)
is as old as the rows it was built from, so the two ages do not add up.

Without Redis (the embedded `make run` defaults) the cache is the process's memory, which is
right for one process; deployments run with REDIS_URL.
"""

import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.dispatch import receiver

VERSION_KEY = "catalogue:version"
# An entry with a max_age is renewed by one process in the last fifth of its life, while the
# others still serve it, so none has to serve it past max_age while it is rebuilt.
RENEW_AFTER = 0.8
T = TypeVar("T")

_request = Local()  # the version read during the current request, if any; what it has read


@dataclass
class _Parts:
    """The oldest catalogue version and build time among the entries a computation has read."""

    version: float = math.inf
    built_at: float = math.inf


@receiver(request_started)
def _start_request_memo(**kwargs):
    _request.version = None
    _request.active = True
    # A view reads entries before it renders its page (the page is computed from them), so the
    # request itself is the outermost computation.
    _request.parts = [_Parts()]


@receiver(request_finished)
def _end_request_memo(**kwargs):
    _request.version = None
    _request.active = False
    _request.parts = []


def _remembered() -> int | None:
    return _request.version if getattr(_request, "active", False) else None


def _remember(version) -> int:
    version = int(version)
    if getattr(_request, "active", False):
        _request.version = version
    return version


def catalogue_version() -> int:
    """The current catalogue version: one cache read per request at most."""
    if (version := _remembered()) is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh or evicted key starts from the clock, above any version an entry still in the
        # cache could carry, so an old entry can never pass for a current one.
        version = time.time_ns() // 1000
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return _remember(version)


def read_with_version(key: str):
    """(the entry at key, the catalogue version): one round trip when the version is not known yet."""
    if (version := _remembered()) is not None:
        return cache.get(key), version
    found = cache.get_many([key, VERSION_KEY])
    if VERSION_KEY not in found:
        return found.get(key), catalogue_version()
    return found.get(key), _remember(found[VERSION_KEY])


def read_current(key: str, is_current: Callable[[T], bool]) -> T | None:
    """The value at key when it was computed under the current catalogue version and passes
    is_current, else None: one round trip when the version is not known yet.

    Nothing is computed from the value (the caller serves it as it is), so unlike read_through it
    is not noted among what the request has read."""
    entry, version = read_with_version(key)
    if entry is None or entry[0] != version:
        return None
    value = entry[2]
    return value if is_current(value) else None


def _bump_version() -> None:
    _request.version = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was evicted: a fresh clock-based value invalidates
        catalogue_version()


def catalogue_changed() -> None:
    """Call after any write that changes what shoppers see besides stock levels."""
    transaction.on_commit(_bump_version)


def entry_key(name: str, params: dict) -> str:
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode(), usedforsecurity=False)
    return f"catalogue:{name}:{digest.hexdigest()}"


def cached_read(name: str, params: dict, compute: Callable[[], T], *, max_age: int | None = None) -> T:
    """compute() from the cache when it was computed under the current catalogue version (and,
    with max_age, less than max_age seconds ago); otherwise computed once and stored.

    A result of None (not found) is not cached, so random slugs cannot fill the cache.
    """
    return read_through(entry_key(name, params), compute, max_age=max_age)


def read_through(
    key: str,
    compute: Callable[[], T],
    *,
    max_age: int | None = None,
    is_current: Callable[[T], bool] | None = None,
) -> T:
    """The entry at `key` if it was computed under the current catalogue version (less than
    max_age seconds ago, and passing is_current, when given), else compute() stored there.

    An entry older than max_age is never served: one process renews it in the last fifth of its
    life while the others still serve it, and once it is too old they wait for the new one.
    """
    version = catalogue_version()
    entry = cache.get(key)
    if (
        entry is not None
        and _is_fresh(entry, version, max_age)
        and (is_current is None or is_current(entry[2]))
    ):
        return _served(entry)
    lock = f"{key}:lock"
    locked = cache.add(lock, 1, timeout=settings.CATALOGUE_RECOMPUTE_SECONDS)
    if locked is None:  # the cache is down (its errors are ignored): work without it
        return compute()
    if locked:
        try:
            return _compute_and_store(key, compute, version)
        finally:
            cache.delete(lock)
    if entry is not None and _younger_than(entry, max_age):
        return _served(entry)  # another process is recomputing it: the previous value meanwhile
    deadline = time.monotonic() + settings.CATALOGUE_RECOMPUTE_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        entry = cache.get(key)
        if entry is not None and _younger_than(entry, max_age):  # the one just computed
            return _served(entry)
    return compute()


def _compute_and_store(key: str, compute: Callable[[], T], version: int) -> T:
    """compute() stored with the oldest version and build time of what it read (and of what the
    request read before it: a page is computed from entries its view read)."""
    started = time.time()
    reads = _reads()
    reads.append(_Parts())
    try:
        value = compute()
    finally:
        parts = reads.pop()
    stored = (min(version, parts.version, *(outer.version for outer in reads)), min(started, parts.built_at))
    if value is not None:
        cache.set(key, (*stored, value), timeout=settings.CATALOGUE_CACHE_SECONDS)
    _note(*stored)
    return value


def store_as_old_as_its_parts(key: str, value) -> None:
    """Store a value built from what this request has read (a page with its holes filled in)
    under the oldest version and build time among those reads, so it is never current before
    they are."""
    version = catalogue_version()
    reads = _reads()
    oldest = min(version, *(parts.version for parts in reads))
    built_at = min(time.time(), *(parts.built_at for parts in reads))
    cache.set(key, (oldest, built_at, value), timeout=settings.CATALOGUE_CACHE_SECONDS)


def _reads() -> list[_Parts]:
    """What the computations under way in this thread have read, outermost first."""
    if not hasattr(_request, "parts"):
        _request.parts = []
    return _request.parts


def _note(version: int, built_at: float) -> None:
    for parts in _reads():
        parts.version = min(parts.version, version)
        parts.built_at = min(parts.built_at, built_at)


def _served(entry):
    _note(entry[0], entry[1])
    return entry[2]


def _is_fresh(entry, version: int, max_age: int | None) -> bool:
    stored_version, built_at, _value = entry
    return stored_version == version and (max_age is None or time.time() - built_at < max_age * RENEW_AFTER)


def _younger_than(entry, max_age: int | None) -> bool:
    return max_age is None or time.time() - entry[1] < max_age
