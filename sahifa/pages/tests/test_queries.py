"""Every public page makes the same, small number of SQL queries however many
articles there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# With an empty cache (most-read lists included): Wagtail finds the site and the
# language's home page (7 queries); the page itself reads its article(s), categories,
# ticker, rail and pictures, and the plug-ins (weather, language alternates, most read),
# and an article page its tags (article:tag and keywords of its social card and
# structured data; a shared block, so none once cached), and the language's newest
# that fill its similar news when the stored list is short (a shared block too). The
# article here is the top story: its page finds the next story for the ticker (pinned,
# most read, newest; a shared block). An article's pictures are read in three groups,
# each with what shows it: the page's main picture, the similar list's cards and the
# sizes of its metadata for platforms (both shared blocks).
MAX_QUERIES = 27
# As readers meet it, the shared blocks cached (sahifa.core.blocks): the article, its
# main picture and a picture in its text (its similar list, metadata and translations'
# addresses are blocks); none for the lists (their cards, with pictures, and a
# category's translations are blocks).
MAX_CACHED_QUERIES = {"article": 2, "/en/": 0, "/en/world/": 0, "/en/world/page/2/": 0}


def add_articles(make_article, make_image, categories, count: int) -> list:
    made = []
    for n in range(count):
        image = make_image(f"Picture {n}", size=(640, 360)) if n % 2 == 0 else None
        made.append(
            make_article(
                f"Story {n}",
                category=categories[n % len(categories)],
                image=image,
                age=timedelta(hours=n + 1),
            )
        )
    return made


def queries_for(client, path: str, cached: bool = False) -> int:
    # The first visit makes any missing picture renditions; count the visit after, with
    # the shared blocks cached by a visit before it, or with an empty cache.
    assert client.get(path).status_code == 200
    if cached:
        assert client.get(path).status_code == 200
    else:
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def site_with(make_article, make_category, make_image):
    categories = [make_category("en", "world", "World"), make_category("en", "sport", "Sport")]
    inline = make_image("Inline", size=(640, 360))
    subject = make_article(
        "The article",
        category=categories[0],
        image=make_image("Main", size=(640, 360)),
        body=f'<p>Text</p><embed embedtype="image" id="{inline.pk}" format="left" alt=""/>',
        is_top_story=True,
    )

    def grow(total: int) -> None:
        from sahifa.articles.models import Article

        missing = total - Article.objects.count()
        add_articles(make_article, make_image, categories, missing)

    return subject, grow


@pytest.mark.parametrize(
    "path", ["article", "/en/", "/en/world/", "/en/world/page/2/", "/en/latest/"]
)
def test_query_count_does_not_grow_with_articles(client, site_with, settings, path):
    settings.SAHIFA_PAGE_SIZE = 2
    subject, grow = site_with
    url = subject.get_url() if path == "article" else path
    grow(4)
    few, few_cached = queries_for(client, url), queries_for(client, url, cached=True)
    grow(30)
    many, many_cached = queries_for(client, url), queries_for(client, url, cached=True)
    print(f"{url}: {few} queries with few articles, {many} with many (cached: {many_cached})")
    assert (few, few_cached) == (many, many_cached)
    assert many <= MAX_QUERIES
    assert many_cached <= MAX_CACHED_QUERIES.get(path, 0)
