"""The pages' article queries walk an index in the order they list, so their cost does
not grow with the number of articles: no query sorts a whole language or category,
counting a list and skipping to a deep page read an index only, and no page reads every
article. Checked with SQLite's EXPLAIN QUERY PLAN, which (without ANALYZE statistics)
chooses the same plan for 30 articles as for 100,000."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahifa.articles import selectors
from sahifa.core import blocks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans by table statistics")


@pytest.fixture
def categories(make_article, make_category):
    world, sport = make_category("en", "world", "World"), make_category("en", "sport", "Sport")
    make_category("ru", "world", "В мире")
    for n in range(10):
        make_article(category=(world, sport)[n % 2], age=timedelta(hours=n + 1))
    make_article(category=world, age=timedelta(days=3), is_top_story=True)
    return world, sport


def plans(run: Callable[[], object]) -> list[tuple[str, str]]:
    """(SQL, plan) of every query ``run`` makes that reads articles."""
    with CaptureQueriesContext(connection) as captured:
        run()
    found = []
    for query in captured.captured_queries:
        if "articles_article" in query["sql"]:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                steps = " | ".join(row[-1] for row in cursor.fetchall())
            found.append((query["sql"], steps))
    assert found, "no query read articles"
    return found


def assert_walks(index: str, run: Callable[[], object], covering: bool = False) -> None:
    for sql, plan in plans(run):
        assert f"INDEX {index} " in plan, f"{index} not used:\n{sql}\n{plan}"
        assert "TEMP B-TREE" not in plan, f"sorts its rows:\n{sql}\n{plan}"
        if covering:
            assert f"COVERING INDEX {index} " in plan, f"reads article rows:\n{sql}\n{plan}"


def test_latest_and_category_lists_read_rows_in_index_order(categories):
    world, _ = categories
    assert_walks("article_latest_list", lambda: list(selectors.published_in("en")[:20]))
    in_world = selectors.published().filter(category=world)
    assert_walks("article_category_list", lambda: list(in_world[:20]))


def test_counting_and_deep_pages_read_the_index_only(categories):
    world, _ = categories
    for articles, index in (
        (selectors.published_in("en"), "article_latest_list"),
        (selectors.published().filter(category=world), "article_category_list"),
    ):
        ids = Paginator(articles.values_list("pk", flat=True), 2)
        assert_walks(index, lambda ids=ids: ids.count, covering=True)
        assert_walks(index, lambda ids=ids: list(ids.page(3).object_list), covering=True)


def test_pinned_top_story_is_found_without_walking_the_language(categories):
    pinned = selectors.published_in("en").filter(is_top_story=True)
    assert_walks("article_top_story", lambda: pinned.first())
    assert pinned.first().headline  # the fixture's pinned story is there to be found


def test_no_page_reads_every_article(client, categories, settings):
    settings.SAHIFA_PAGE_SIZE = 2
    article = selectors.published_in("en").filter(category=categories[0]).first()
    for path in ["/en/", "/en/world/", "/en/world/page/3/", "/en/latest/", article.get_url()]:
        client.get(path)  # renditions and other first-visit work
        # Every block built again, so cached lists (most read) are queried too.
        for alias in ("default", "generations"):
            caches[alias].clear()
        blocks.forget_local()

        def visit(path=path):
            assert client.get(path).status_code == 200

        for sql, plan in plans(visit):
            assert "SCAN articles_article" not in plan, f"{path} reads all:\n{sql}\n{plan}"
