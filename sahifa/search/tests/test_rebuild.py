"""A full rebuild while the site searches: one transaction, so readers keep the old index
until it commits, and (on PostgreSQL) are never held waiting for it meanwhile."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from sahifa.articles.models import Article
from sahifa.search import documents

pytestmark = pytest.mark.django_db(transaction=True)


def other_reader_finds(term: str) -> list[int]:
    """The documents a search in another connection (another web process) finds, now;
    an error if it waited more than two seconds for a lock."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SET statement_timeout = '2s'")
        rows = other.execute(
            "SELECT d.article_id FROM search_searchtext t"
            " JOIN search_searchdocument d ON d.article_id = t.document_id"
            " WHERE t.vector @@ phraseto_tsquery('simple', %s) ORDER BY 1",
            [term],
        )
        return [pk for (pk,) in rows.fetchall()]


def test_readers_search_the_old_index_unblocked_until_the_rebuild_commits(make_article):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's rebuild (SQLite has one writer, and readers see the old file)")
    article = make_article(headline="Harvest figures")
    documents.index([article.pk])
    # Changed behind the index's back (no change event): only the rebuild sees it.
    Article.objects.filter(pk=article.pk).update(headline="Orchard figures")
    seen_meanwhile: list[tuple[list[int], list[int]]] = []

    documents.rebuild_all(
        [article.pk],
        progress=lambda n: seen_meanwhile.append(
            (other_reader_finds("harvest"), other_reader_finds("orchard"))
        ),
    )

    assert seen_meanwhile == [([article.pk], [])]
    assert (other_reader_finds("harvest"), other_reader_finds("orchard")) == ([], [article.pk])


def test_a_rebuild_frees_the_rows_it_replaced(make_article):
    """The old rows' space and index entries are freed once it commits (VACUUM), not
    left for searches to step over until autovacuum comes by."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's VACUUM (SQLite rewrites its FTS index in place)")
    article = make_article(headline="Harvest figures")
    documents.rebuild_all([article.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            " AND relname IN ('search_searchtext', 'search_searchdocument', 'search_searchword')"
        )
        vacuumed = {name for (name,) in cursor.fetchall()}
    assert vacuumed == {"search_searchtext", "search_searchdocument", "search_searchword"}
