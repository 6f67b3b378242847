"""A feed costs the same few queries with 3 articles as with 30, pictures in their
bodies included; from the cache it costs none."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PATHS = ["/en/feed/", "/en/feed/atom/", "/en/world/feed/", "/en/world/feed/atom/", "/en/feed/json/"]


def queries(client, path: str, cached: bool) -> int:
    assert client.get(path).status_code == 200  # makes the body pictures' sizes once
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", PATHS)
def test_queries_do_not_grow_with_articles(client, add_articles, path):
    add_articles(3)
    few = queries(client, path, cached=False)
    add_articles(27, start=3)
    assert queries(client, path, cached=False) == few
    # The articles, the body pictures (for their sizes, then for Wagtail's expansion),
    # their sizes and, for a category, the category.
    assert few <= 5
    assert queries(client, path, cached=True) == 0
