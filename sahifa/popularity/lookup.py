"""Is an article published, and what is its stored total? Asked by every beacon, so the
answer is kept in the process for a few seconds instead of a query per beacon."""

from __future__ import annotations

import time

from sahifa.articles import selectors

# An article unpublished less than this long ago may still take views; totals lag as long.
TTL_SECONDS = 10.0
MAX_ENTRIES = 20_000
_cache: dict[int, tuple[float, int | None]] = {}


def published_total(article_id: int) -> int | None:
    """The stored view total of a published article; None when unknown or unpublished."""
    now = time.monotonic()
    cached = _cache.get(article_id)
    if cached and cached[0] > now:
        return cached[1]
    total = selectors.published().filter(pk=article_id).values_list("view_count", flat=True).first()
    if len(_cache) >= MAX_ENTRIES:
        _cache.clear()
    _cache[article_id] = (now + TTL_SECONDS, total)
    return total


def forget() -> None:
    """Drop what this process remembers (after publishing changes in tests, say)."""
    _cache.clear()
