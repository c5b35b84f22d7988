"""Catalogue caching with one invalidation mechanism: a version number.

Every cached catalogue read is stored under a key that includes the current catalogue
version. Any change to a product, category or stock bumps the version once the transaction
commits, so every cached list and detail is stale at once; old entries simply expire. No code
has to know which keys a change affects.

Without Redis (the embedded `make run` defaults) the version lives in the process's memory,
which is right for one process; deployments run with REDIS_URL.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalogue:version"
T = TypeVar("T")


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return int(version)


def _bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was evicted: any fresh value invalidates
        cache.set(VERSION_KEY, catalogue_version() + 1, timeout=None)


def catalogue_changed() -> None:
    """Call after any write that changes what shoppers see (price, stock, names, activity)."""
    transaction.on_commit(_bump_version)


def cached_read(name: str, params: dict, compute: Callable[[], T]) -> T:
    """Return compute() from the cache under the current catalogue version, storing it if missing.

    A result of None (not found) is not cached, so random slugs cannot fill the cache.
    """
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode(), usedforsecurity=False)
    key = f"catalogue:{catalogue_version()}:{name}:{digest.hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, timeout=settings.CATALOGUE_CACHE_SECONDS)
    return value
