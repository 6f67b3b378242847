"""Blocks every public page repeats (a language's sections and ticker, the latest-news
rail, the front page's lists, the weather reading) kept in Django's cache for a few
seconds: data, never whole pages, so each page is still rendered for its request.

Saving or deleting an article, a category, a picture size, a weather reading or a page
starts a new generation of keys at once in this process (and in every process with
Redis, which all share), and again when the transaction commits so no reader can keep
what it built from the old rows. Other processes on the embedded locmem cache see the
change within ``BLOCK_SECONDS``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

BLOCK_SECONDS = 30
GENERATION_KEY = "blocks:generation"
# Models whose rows the cached blocks show.
SOURCES = (
    "articles.Article",
    "articles.Category",
    "weather.Observation",
    "images.NewsRendition",  # blocks carry their pictures' sizes, fetched with them
    "pages.HomePage",  # Wagtail sends a page's signals for its specific class
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
)

T = TypeVar("T")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Started from the clock: a key the cache dropped comes back past every earlier one.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def cached(name: str, build: Callable[[], T], seconds: int = BLOCK_SECONDS) -> T:
    """``build()``'s value, kept ``seconds`` under ``name`` for this generation."""
    key = f"blocks:{generation()}:{name}"
    boxed = cache.get(key)
    if boxed is None:
        boxed = (build(),)  # boxed so that None and [] are kept too
        cache.set(key, boxed, seconds)
    return boxed[0]


def renew(**_kwargs: Any) -> None:
    """Start a new generation now, and again on commit (see the module's docstring)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    # Not there (or dropped): the next read starts from the clock anyway.
    with contextlib.suppress(ValueError):
        cache.incr(GENERATION_KEY)


def connect() -> None:
    for label in SOURCES:
        post_save.connect(renew, sender=label, dispatch_uid=f"blocks-save-{label}")
        post_delete.connect(renew, sender=label, dispatch_uid=f"blocks-delete-{label}")
