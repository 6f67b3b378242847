"""The page cache on, with the test process's own (in-memory) cache emptied, and a
way to ask which of a set of pages are still served from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest


@pytest.fixture
def page_cache(settings):
    from sahifa.pagecache import outage, store

    settings.SAHIFA_PAGE_CACHE = True
    store.forget_memory()
    outage.recovered()  # no outage left over from an earlier test
    yield settings
    store.forget_memory()
    outage.recovered()


@pytest.fixture
def served_from_cache(client) -> Callable[[Iterable[str]], dict[str, str]]:
    """For each path: "hit" when the page cache served it, else what it did."""

    def served(paths: Iterable[str]) -> dict[str, str]:
        return {path: client.get(path).headers.get("X-Sahifa-Cache", "none") for path in paths}

    return served
