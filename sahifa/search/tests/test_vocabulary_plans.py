"""The vocabulary look-ups every search makes take the indexes meant for them.

On SQLite, a query's words and terms are looked up in one statement, and an OR of the
two read every word of the language (37 ms at 100,000 articles, bench/search_speed.py).
On PostgreSQL, a misspelt word is looked up as its few hundred one-edit spellings at
once; pg_trgm's trigram index can answer `=` too, and the planner, which cannot tell
how common a trigram is, once chose it: a second instead of a millisecond."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahifa.search import query, typos
from sahifa.search.backends.postgres import PostgresBackend
from sahifa.search.models import SearchWord

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's indexes: the PostgreSQL pass"
)


@pytest.fixture
def words():
    SearchWord.objects.bulk_create(
        SearchWord(language="ru", word=w, stem=w[:5], display=w, documents=n)
        for n, w in enumerate(["выборы", "выборами", "выбор", "выборов", "президент"], 1)
    )


def plan_of(run) -> str:
    with CaptureQueriesContext(connection) as captured:
        run()
    executed = captured.captured_queries[-1]["sql"]  # the look-up, after any SET
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + executed)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan: the SQLite pass")
def test_words_and_terms_are_each_looked_up_by_their_index(words):
    plan = plan_of(lambda: query.vocabulary("ru", ["выборами", "президент"], ["выбор"]))
    assert "(language=? AND word=?)" in plan, plan
    assert "(language=? AND stem=?)" in plan, plan


def only_the_trigram_index() -> None:
    """The vocabulary's other indexes gone and its scan priced out, for this test's
    transaction: the planner takes the trigram index wherever it can."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchword DROP CONSTRAINT search_word_per_language")
        cursor.execute("DROP INDEX search_word_stem")
        cursor.execute("SET LOCAL enable_seqscan = off")


@postgres_only
def test_spellings_are_never_looked_up_by_trigrams(words):
    only_the_trigram_index()
    spellings = sorted(typos.edits1("выборами"))
    plan = plan_of(lambda: query.vocabulary("ru", spellings))
    assert "search_word_trigram" not in plan, plan


@postgres_only
def test_similar_words_still_use_the_trigram_index(words):
    only_the_trigram_index()
    assert "выборами" in PostgresBackend().similar_words("ru", "выбарамм", 10)
    plan = plan_of(lambda: PostgresBackend().similar_words("ru", "выбарамм", 10))
    assert "search_word_trigram" in plan, plan
