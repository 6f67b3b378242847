"""PostgreSQL: the GIN entries an indexing job adds are merged at once. Left in an
index's pending list (up to 4 MB of them), they are read through by every search until
autovacuum merges them."""

from __future__ import annotations

import pytest
from django.db import connection

from sahifa.search import documents
from sahifa.search.backends.postgres import GIN_INDEXES, merge_pending

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's GIN pending lists: its pass"
    ),
]


def pending_pages(index: str) -> int:
    """Merges what is left, and says how many pages of entries that was."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_indexing_leaves_no_entries_for_searches_to_read_through(make_article):
    article = make_article(headline="Harvest figures", body="<p>Apples and pears.</p>")
    documents.index([article.pk])
    assert {index: pending_pages(index) for index in GIN_INDEXES} == dict.fromkeys(GIN_INDEXES, 0)


def test_a_role_that_does_not_own_the_indexes_leaves_them_to_autovacuum(make_article):
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE sahifa_test_writer NOLOGIN")
        cursor.execute("SET LOCAL ROLE sahifa_test_writer")
    merge_pending()  # merging an index it does not own would be an error
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
