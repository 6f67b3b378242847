"""A full cache drops pages, never what says which pages are current: the purge counter
and the keys' generations (and the blocks' scopes) live in a cache of their own that
evicts nothing. In the shared cache they were stored once and read on every request, so
a full cache dropped them first (it drops what was stored longest ago), and each dropped
generation counted as a purge: every page was rendered again while the cache stayed
full."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from sahifa.pagecache import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_shared_cache(settings, tmp_path):
    """The shared cache bounded to a few pages, culling as a full one does."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "sahifa.core.cache.SharedDiskCache",
            "LOCATION": str(tmp_path / "cache"),
            "TIMEOUT": 300,
            "SHARDS": 1,
            "OPTIONS": {"size_limit": 200_000, "cull_limit": 100},
        },
    }
    yield caches["default"]
    caches["default"].clear()


def test_a_full_cache_keeps_the_generations(page_cache, small_shared_cache, client, make_article):
    first = make_article("The first page kept")
    assert client.get(first.get_url()).headers["X-Sahifa-Cache"] == "miss"
    carried = store.lookup(store.page_key(f"http://testserver{first.get_url()}")).keys
    for n in range(40):  # far more pages than the shared cache holds
        client.get(make_article(f"Another story {n}", slug=f"another-{n}").get_url())
    assert small_shared_cache.get(store.page_key(f"http://testserver{first.get_url()}")) is None
    store.forget_memory()  # read them from the cache, as another process would
    found = store.generations(carried)
    assert None not in found.values(), [k for k, g in found.items() if g is None]
    assert store.sequence() > 0
