"""Each sitemap file costs the same few queries with 3 articles as with 30 (an article
file reads its rows and their translations a chunk of 2,000 at a time)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PATHS = [
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-articles-en-1.xml",
    "/sitemap-news-en-1.xml",
    "/robots.txt",
]


def queries(client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(context.captured_queries)


@pytest.mark.parametrize("path", PATHS)
def test_queries_do_not_grow_with_articles(client, make_article, make_image, world, path):
    def add(count: int, start: int = 0) -> None:
        for n in range(start, start + count):
            image = make_image(f"P{n}", size=(32, 18)) if n % 2 else None
            make_article(f"Story {n}", category=world, image=image, age=timedelta(hours=n))

    add(3)
    few = queries(client, path)
    add(27, start=3)
    assert queries(client, path) == few <= 2
