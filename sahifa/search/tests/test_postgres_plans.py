"""PostgreSQL's vocabulary look-ups take the index meant for them. A misspelt word is
looked up as its few hundred one-edit spellings at once; pg_trgm's trigram index can
answer `=` too, and the planner, which cannot tell how common a trigram is, once chose
it: a second a search at 100,000 articles (bench/search_speed.py) instead of a
millisecond."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahifa.search import query, typos
from sahifa.search.backends.postgres import PostgresBackend
from sahifa.search.models import SearchWord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL index's use: the test runs on PostgreSQL")


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
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + executed)
        return "\n".join(row[0] for row in cursor.fetchall())


def only_the_trigram_index() -> None:
    """The vocabulary's other indexes gone and its scan priced out, for this test's
    transaction: the planner takes the trigram index wherever it can."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchword DROP CONSTRAINT search_word_per_language")
        cursor.execute("DROP INDEX search_word_stem")
        cursor.execute("SET LOCAL enable_seqscan = off")


def test_spellings_are_never_looked_up_by_trigrams(words):
    only_the_trigram_index()
    spellings = sorted(typos.edits1("выборами"))
    plan = plan_of(lambda: query.vocabulary("ru", spellings))
    assert "search_word_trigram" not in plan, plan


def test_similar_words_still_use_the_trigram_index(words):
    only_the_trigram_index()
    assert "выборами" in PostgresBackend().similar_words("ru", "выбарамм", 10)
    plan = plan_of(lambda: PostgresBackend().similar_words("ru", "выбарамм", 10))
    assert "search_word_trigram" in plan, plan
