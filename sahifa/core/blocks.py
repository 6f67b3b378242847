"""Blocks every public page repeats (a language's sections and ticker, the latest-news
rail, the front page's lists, the weather reading, the site's routes) kept in Django's
cache for a few seconds: data, never whole pages, so each page is still rendered for its
request. docs/caching.md lists every block.

Each block depends on named scopes (`articles:en`, `categories:ru`, `weather`, `site`,
`images`); each scope has a generation number in the cache, and a block's key carries
the generations of its scopes. `renew("articles:en")` starts a new generation of that
scope only: English lists are built again, Russian ones and the weather are not. The app
that owns the data renews its scopes when it changes (articles on their change events,
weather on a new reading, pages on a site change): core names no app's models.

A request reads all generations once, in one cache read, at its first block; outside a
request (jobs, commands) every block reads them afresh. The cache is shared by every
process (the embedded SQLite-backed cache, or Redis): a renewal is seen at once.

Each process also keeps the blocks it read in its memory (`LOCAL_ENTRIES`, until their
time): a key names its generations, so what it holds never changes; a renewal makes a
new key. Values are shared between the process's requests: never change them.

A block older than ``BLOCK_SECONDS`` whose scopes did not change (what only time moves:
Most read, the top story's fallback) is still served, and built again after the
response has gone, by one process: no reader waits for it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sahifa.core import metrics
from sahifa.core.cache import generations as generations_cache

BLOCK_SECONDS = 30
KEEP_SECONDS = 600  # how long past its time a block may be served while it is renewed
LOCAL_ENTRIES = 500  # blocks a process keeps in memory
T = TypeVar("T")
log = logging.getLogger(__name__)

# Generations read by the current request: {scope: generation}; None outside a request.
_request_generations: ContextVar[dict[str, int] | None] = ContextVar(
    "blocks_generations", default=None
)
# This process's blocks: {key: (value, fresh until)}, least recently used first.
_local: OrderedDict[str, tuple[Any, float]] = OrderedDict()
_local_lock = threading.Lock()
# Blocks to build again once the current response has gone: {key: (build, seconds)}.
_renewals: ContextVar[dict[str, tuple[Callable[[], Any], int, bool]] | None] = ContextVar(
    "blocks_renewals", default=None
)


def language_scopes(kind: str) -> list[str]:
    return [f"{kind}:{code}" for code, _name in settings.LANGUAGES]


def all_scopes() -> list[str]:
    """Every scope there is: read together, once per request."""
    return [
        *language_scopes("articles"),
        *language_scopes("categories"),
        "images",
        "similar",
        "weather",
        "site",
    ]


def _key(scope: str) -> str:
    return f"blocks:generation:{scope}"


def _read(scopes: Iterable[str]) -> dict[str, int]:
    scopes = list(scopes)
    found = generations_cache().get_many([_key(s) for s in scopes])
    values = {s: found.get(_key(s)) for s in scopes}
    for scope, value in values.items():
        if value is None:
            # Started from the clock: a key the cache dropped comes back past every
            # earlier one.
            generations_cache().add(_key(scope), time.time_ns() // 1000, None)
            values[scope] = generations_cache().get(_key(scope), 0)
    return values  # type: ignore[return-value]


def generations(scopes: Iterable[str]) -> dict[str, int]:
    """The current generation of each scope (from the request's one read when in one)."""
    scopes = list(scopes)
    known = _request_generations.get()
    if known is None:
        return _read(scopes)
    missing = [s for s in scopes if s not in known]
    if missing:
        known.update(_read(missing if known else [*all_scopes(), *missing]))
    return {s: known[s] for s in scopes}


def token(scopes: Iterable[str]) -> str:
    """A short text naming the scopes' generations, for keys (and `{% cache %}`)."""
    return "-".join(str(g) for g in generations(scopes).values())


def cached(
    name: str,
    build: Callable[[], T],
    scopes: Iterable[str],
    seconds: int = BLOCK_SECONDS,
    keep_none: bool = True,
) -> T:
    """``build()``'s value, kept ``seconds`` under ``name`` for these scopes' generations.
    With ``keep_none=False`` a None is not kept (a lookup by a name from outside: no
    entry per address a bot makes up)."""
    key = f"blocks:{name}:{token(scopes)}"
    local = _local.get(key)
    if local is not None and time.time() < local[1]:
        metrics.count_cache_read(name, True)
        return local[0]
    boxed = cache.get(key)
    metrics.count_cache_read(name, isinstance(boxed, tuple))
    if not isinstance(boxed, tuple) or len(boxed) != 2:
        return _build(key, build, seconds, keep_none)
    value, fresh_until = boxed  # boxed so that None and [] are kept too
    if time.time() >= fresh_until:
        _renew_later(key, build, seconds, keep_none)
    else:
        _remember(key, value, fresh_until)
    return value


def _build(key: str, build: Callable[[], T], seconds: int, keep_none: bool = True) -> T:
    value = build()
    if value is None and not keep_none:
        cache.delete(key)  # what was kept (being renewed) is gone too
        return value
    fresh_until = time.time() + seconds
    cache.set(key, (value, fresh_until), seconds + KEEP_SECONDS)
    _remember(key, value, fresh_until)
    return value


def _remember(key: str, value: Any, fresh_until: float) -> None:
    with _local_lock:
        _local[key] = (value, fresh_until)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_local() -> None:
    """Drop this process's copies (tests: the shared cache was emptied)."""
    with _local_lock:
        _local.clear()


def _renew_later(key: str, build: Callable[[], Any], seconds: int, keep_none: bool) -> None:
    """Build the block again after this response (now, outside a request), unless
    another process is at it."""
    pending = _renewals.get()
    if pending is not None and key in pending:
        return
    if not cache.add(f"{key}:renewing", 1, 30):
        return
    if pending is None:
        _renew(key, build, seconds, keep_none)
    else:
        pending[key] = (build, seconds, keep_none)


def _renew(key: str, build: Callable[[], Any], seconds: int, keep_none: bool) -> None:
    try:
        _build(key, build, seconds, keep_none)
    except Exception:
        log.exception("renewing the block %s failed", key)
    finally:
        cache.delete(f"{key}:renewing")


def renew(*scopes: str) -> None:
    """Start a new generation of each scope: blocks that depend on it are built again."""
    for scope in scopes:
        # Not there (or dropped): the next read starts from the clock anyway.
        with contextlib.suppress(ValueError):
            generations_cache().incr(_key(scope))
    known = _request_generations.get()
    if known is not None:
        for scope in scopes:
            known.pop(scope, None)


def renew_on_save(scope: str, *models: str) -> None:
    """Renew ``scope`` whenever a row of these models ("app_label.Model") is saved or
    deleted: at once, and again when the transaction commits, so no reader keeps what
    it built from the old rows. For an app's own models, from its `ready()`."""

    def renewed(**_kwargs: Any) -> None:
        renew(scope)
        transaction.on_commit(lambda: renew(scope))

    _receivers.append(renewed)  # signals hold receivers weakly
    for label in models:
        uid = f"blocks-{scope}-{label}"
        post_save.connect(renewed, sender=label, dispatch_uid=f"{uid}-save")
        post_delete.connect(renewed, sender=label, dispatch_uid=f"{uid}-delete")


_receivers: list[Callable[..., None]] = []


def _request_started(**_kwargs: Any) -> None:
    _request_generations.set({})
    _renewals.set({})


def _request_finished(**_kwargs: Any) -> None:
    """The response has gone: build the blocks found old, then close the request's set."""
    pending = _renewals.get() or {}
    _renewals.set(None)
    for key, (build, seconds, keep_none) in pending.items():
        _renew(key, build, seconds, keep_none)
    _request_generations.set(None)


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="blocks-request-started")
    request_finished.connect(_request_finished, dispatch_uid="blocks-request-finished")
