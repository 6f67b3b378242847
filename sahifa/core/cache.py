"""The embedded cache shared by every process of one machine: diskcache's SQLite-backed
cache (`CACHES` without REDIS_URL). Its writes are SQLite transactions, so `add` (locks)
and `incr` (generations) are atomic across processes, and its size is bounded; Django's
own file cache lists its whole folder on every write and its `incr` is not atomic, and
the in-memory cache is one per process."""

from __future__ import annotations

from typing import Any

from diskcache.djangocache import DjangoCache


class SharedDiskCache(DjangoCache):
    def close(self, **kwargs: Any) -> None:
        """Kept open between requests (Django closes caches after each): opening the
        SQLite files again would cost more than the reads a page makes."""
