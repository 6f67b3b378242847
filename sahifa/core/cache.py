"""The embedded cache shared by every process of one machine: diskcache's SQLite-backed
cache (`CACHES` without REDIS_URL). Its writes are SQLite transactions, so `add` (locks)
and `incr` (generations) are atomic across processes, and its size is bounded; Django's
own file cache lists its whole folder on every write and its `incr` is not atomic, and
the in-memory cache is one per process."""

from __future__ import annotations

from typing import Any

from diskcache.djangocache import DjangoCache
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache


class SharedDiskCache(DjangoCache):
    def close(self, **kwargs: Any) -> None:
        """Kept open between requests (Django closes caches after each): opening the
        SQLite files again would cost more than the reads a page makes."""


def generations() -> BaseCache:
    """Where the numbers saying what is current live (the blocks' scopes, the page
    cache's purge counter and keys): apart from what they describe, never evicted
    (settings.caching), so a full cache drops pages and blocks, never these."""
    return caches[settings.SAHIFA_GENERATIONS_ALIAS]
