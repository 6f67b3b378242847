"""Purging pages by surrogate key, fanned out to every configured purger.

``SAHIFA_PAGE_PURGERS`` lists dotted paths of purger classes (default: the page cache's
own, `sahifa.pagecache.store.StorePurger`). A purger is any class with
``purge(self, keys: Collection[str]) -> None``; one for a cache in front (Varnish with
xkey, a CDN) is added to the list by settings. A purger that fails is logged and the
others still run: a page cache in front that misses a purge expires by its own time.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class Purger(Protocol):
    def purge(self, keys: Collection[str]) -> None: ...


@cache
def purgers() -> tuple[Purger, ...]:
    return tuple(import_string(path)() for path in settings.SAHIFA_PAGE_PURGERS)


def purge(keys: Collection[str]) -> None:
    """Purge every page carrying one of ``keys``, in each purger."""
    if not keys:
        return
    for purger in purgers():
        try:
            purger.purge(keys)
        except Exception:
            log.exception("%s failed to purge %d keys", type(purger).__name__, len(keys))
