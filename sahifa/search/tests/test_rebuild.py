"""A full rebuild while the site searches: one transaction, so readers keep the old index
until it commits, and (on PostgreSQL) are never held waiting for it meanwhile."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from sahifa.articles.models import Article
from sahifa.search import documents
from sahifa.search.backends import Filters
from sahifa.search.backends.postgres import PostgresBackend
from sahifa.search.query import make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def other_reader_finds(word: str) -> list[int]:
    """What a search in another connection (another web process) finds, now; an error
    if it waited more than two seconds for a lock."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SET statement_timeout = '2s'")
        plan = make_plan("en", word, PostgresBackend())
        sql, params = PostgresBackend().candidates_query(plan, False, 100, Filters())
        return sorted(pk for pk, _score in other.execute(sql, params).fetchall())


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
