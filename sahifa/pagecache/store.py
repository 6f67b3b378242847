"""The page cache's records in Django's cache (shared by every worker process: the
embedded SQLite-backed cache, or Redis), and purging them by surrogate key.

A purge takes the next number of one counter (`pagecache:seq`) and writes it, with the
time, as the generation of each key it purges. A page keeps the counter's value read
before it was rendered: it is current while none of its keys has a later generation.
So a purge that lands during a render leaves that render already out of date, and a
key's generation that the cache dropped counts as a purge (the page is rendered again),
never as "unchanged".

Generations read by a process are kept in its memory for ``MEMO_SECONDS``: a purge made
in another process is seen within that time (the purging process sees its own at once).
Past that, a remembered generation still holds while the counter has not moved since it
was read (one read of the counter instead of one per key: an article page carries a
dozen keys). A purge moves the counter once more after writing its generations, so a
reader that read the counter between the purge's two steps reads them again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from sahifa.core.cache import generations as generations_cache

MEMO_SECONDS = 1.0
SEQUENCE = "pagecache:seq"
NEVER = (0, 0.0)  # the generation of a key never purged

Generation = tuple[int, float]  # (purge number, unix time of the purge)

# key -> (its generation, monotonic time it was read, the counter read before it)
_memo: dict[str, tuple[Generation | None, float, int | None]] = {}
_memo_lock = threading.Lock()


def cache() -> BaseCache:
    return caches[settings.SAHIFA_PAGE_CACHE_ALIAS]


@dataclass
class Entry:
    """A kept page: its response and what it shows."""

    sequence: int  # the purge counter when its render began
    created: float  # unix time the render ended
    keys: tuple[str, ...]
    status: int
    headers: list[tuple[str, str]]
    bodies: dict[str, bytes] = field(default_factory=dict)  # by content coding
    etag: str = ""
    max_age: int = 0  # what browsers may keep it (headers.browser_max_age)
    route: str = ""  # the URL pattern that rendered it (for the request metrics)


@dataclass(frozen=True)
class State:
    fresh: bool
    purged_at: float | None = None  # when a purge made it stale (None: only old)


def _generation_key(key: str) -> str:
    return f"pagecache:gen:{key}"


def page_key(name: str) -> str:
    return f"pagecache:page:{md5(name.encode()).hexdigest()}"


def sequence() -> int:
    """The purge counter now (started from the clock when the cache has none)."""
    value = generations_cache().get(SEQUENCE)
    if value is None:
        generations_cache().add(SEQUENCE, time.time_ns() // 1000, None)
        value = generations_cache().get(SEQUENCE, 0)
    return int(value)


def _next_sequence() -> int:
    try:
        return int(generations_cache().incr(SEQUENCE))
    except ValueError:  # no counter (a new or emptied cache): past every earlier value
        generations_cache().add(SEQUENCE, time.time_ns() // 1000, None)
        return int(generations_cache().incr(SEQUENCE))


def purge_keys(keys: Collection[str]) -> int:
    """Make every page carrying one of ``keys`` out of date; returns the purge number."""
    number = _next_sequence()
    generation = (number, time.time())
    generations_cache().set_many({_generation_key(k): generation for k in keys}, None)
    # Moved again once the generations are written: a process that read the counter
    # in between remembers what it read then only until its next look at the counter.
    written = _next_sequence()
    with _memo_lock:
        for key in keys:
            _memo[key] = (generation, time.monotonic(), written)
    return number


def _counter() -> int | None:
    value = generations_cache().get(SEQUENCE)
    return None if value is None else int(value)


def generations(keys: Iterable[str]) -> dict[str, Generation | None]:
    """Each key's generation (None: not in the cache), from this process's memory when
    read less than ``MEMO_SECONDS`` ago, or when no purge has moved the counter since."""
    now = time.monotonic()
    found: dict[str, Generation | None] = {}
    missing, aged = [], []
    for key in keys:
        memo = _memo.get(key)
        if memo is None:
            missing.append(key)
        elif now - memo[1] < MEMO_SECONDS:
            found[key] = memo[0]
        else:
            aged.append((key, memo))
    counter = _counter() if aged or missing else None  # read before any generation
    for key, (generation, _read, seen) in aged:
        if counter is not None and seen == counter:
            found[key] = generation
            with _memo_lock:
                _memo[key] = (generation, now, seen)
        else:
            missing.append(key)
    if missing:
        read = generations_cache().get_many([_generation_key(k) for k in missing])
        with _memo_lock:
            for key in missing:
                found[key] = read.get(_generation_key(key))
                _memo[key] = (found[key], now, counter)
    return found


def forget_memory() -> None:
    """Drop this process's remembered generations (tests, after the cache is emptied)."""
    with _memo_lock:
        _memo.clear()


def state(entry: Entry) -> State:
    """Whether the page is current: none of its keys purged since, and young enough."""
    purged_at = None
    for generation in generations(entry.keys).values():
        if generation is None:
            return State(False, 0.0)  # dropped from the cache: assume the worst
        if generation[0] > entry.sequence:
            purged_at = max(purged_at or 0.0, generation[1])
    if purged_at is not None:
        return State(False, purged_at)
    return State(time.time() - entry.created < settings.SAHIFA_PAGE_CACHE_SECONDS)


def lookup(key: str) -> Entry | None:
    entry = cache().get(key)
    return entry if isinstance(entry, Entry) else None


def keep(key: str, entry: Entry) -> None:
    """Keep ``entry``; its keys get a generation if the cache has none for them, so that
    losing one later reads as a purge."""
    counter = _counter()  # read before the generations
    present = generations_cache().get_many([_generation_key(k) for k in entry.keys])
    now = time.monotonic()
    for carried in entry.keys:
        name = _generation_key(carried)
        if name not in present:
            generations_cache().add(name, NEVER, None)
            present[name] = generations_cache().get(name, NEVER)
        with _memo_lock:
            _memo[carried] = (present[name], now, counter)
    timeout = settings.SAHIFA_PAGE_CACHE_SECONDS + settings.SAHIFA_PAGE_CACHE_STALE_SECONDS
    cache().set(key, entry, timeout)


def lock(key: str) -> bool:
    """Take the right to render this page (held at most ``SAHIFA_PAGE_CACHE_LOCK_SECONDS``)."""
    return bool(cache().add(f"{key}:lock", 1, settings.SAHIFA_PAGE_CACHE_LOCK_SECONDS))


def unlock(key: str) -> None:
    cache().delete(f"{key}:lock")


def wait_for_render(key: str, seconds: float) -> Entry | None:
    """Wait up to ``seconds`` for another process's render of this page to be kept;
    None when none came in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.02)
        locked = cache().get(f"{key}:lock") is not None  # read before the page
        entry = lookup(key)
        if entry is not None and state(entry).fresh:
            return entry
        if not locked:
            return None  # that render ended without keeping a page (a 404, a redirect)
    return None


def evict(key: str) -> None:
    cache().delete(key)


class StorePurger:
    """The page cache's own purger (`SAHIFA_PAGE_PURGERS`)."""

    def purge(self, keys: Collection[str]) -> None:
        purge_keys(keys)
