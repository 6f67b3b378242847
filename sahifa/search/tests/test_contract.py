"""One results contract for every engine: the database's own (SQLite FTS5, or PostgreSQL
full-text search in the PostgreSQL pass), and an OpenSearch or Elasticsearch cluster
where ``SAHIFA_TEST_SEARCH_URL`` answers (each test in an index of its own, deleted
after it). The same tests run against each."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

from sahifa.search import cluster, engine
from sahifa.search.backends import get_backend
from sahifa.search.backends.opensearch import OpenSearchBackend, health

TEST_CLUSTER = os.environ.get("SAHIFA_TEST_SEARCH_URL", "")


@pytest.fixture(scope="session")
def cluster_url() -> str:
    if not TEST_CLUSTER:
        pytest.skip("no search cluster: SAHIFA_TEST_SEARCH_URL is not set")
    try:
        OpenSearch(hosts=[TEST_CLUSTER], max_retries=0).info(request_timeout=5)
    except Exception as error:  # any reason it does not answer is a reason to skip
        pytest.skip(f"the search cluster at SAHIFA_TEST_SEARCH_URL does not answer: {error}")
    return TEST_CLUSTER


@pytest.fixture
def on_cluster(request, settings, caplog):
    """The site's search on the test cluster, in an index of this test's own."""
    settings.SAHIFA_SEARCH_URL = request.getfixturevalue("cluster_url")
    settings.SAHIFA_SEARCH_INDEX = f"sahifa-test-{uuid.uuid4().hex}"
    health.answered()
    yield
    failures = [r for r in caplog.get_records("call") if r.name == health.__module__]
    try:
        former = list(cluster.client().indices.get_alias(name=cluster.alias()))
    except NotFoundError:
        former = []
    for index in former:
        cluster.client().indices.delete(index=index)
    assert not failures, "the cluster failed and the database answered instead"


@pytest.fixture(params=["database", "cluster"])
def find(request, db):
    if request.param == "cluster":
        request.getfixturevalue("on_cluster")
    backend = get_backend()
    assert isinstance(backend, OpenSearchBackend) == (request.param == "cluster")

    def run(text: str, language: str = "en", **options) -> list[int]:
        if request.param == "cluster":
            cluster.client().indices.refresh(index=cluster.alias())  # written is searchable
        return [a.pk for a in engine.search(language, text, backend=backend, **options).shown()]

    return run


def test_headline_matches_weigh_more_than_body_ones(write, find):
    body = write("Market report", "The central bank raised interest rates again.")
    headline = write("Central bank raises rates", "Markets moved.")
    assert find("central bank rates") == [headline.pk, body.pk]


def test_among_equal_matches_the_fresher_comes_first(write, find):
    old = write("Harvest festival opens", age=timedelta(days=20))
    new = write("Harvest festival opens", age=timedelta(hours=2))
    assert find("harvest festival") == [new.pk, old.pk]


def test_a_headline_with_the_words_as_typed_in_a_row_comes_first(write, find):
    for headline in ("Football results", "Harvest festival", "Budget", "Cup final", "Rain"):
        write(headline, "Nothing else.")
    remembered = write(
        "Should readers in the north fear magnetic storms this winter, scientists asked"
    )
    other = write("Magnetic storm")  # shorter, the same stems in the same order
    assert find("magnetic storms") == [remembered.pk, other.pk]
    assert find("magnetic stroms") == [remembered.pk, other.pk]  # corrected, then in a row


def test_other_inflections_match(write, find):
    english = write("Voters elect a new parliament")
    russian = write("Избиратели выбрали новый парламент", language="ru")
    assert find("electing parliaments") == [english.pk]
    assert find("парламента избирателей", "ru") == [russian.pk]


def test_uzbek_matches_across_scripts_and_suffixes(write, find):
    latin = write("Toshkentda yangi maktablar ochildi", language="uz")
    cyrillic = write("Самарқандда янги кўприк қурилди", language="uz-cyrl")
    assert find("Тошкент мактаби", "uz") == [latin.pk]
    assert find("samarqand koʻprigi", "uz-cyrl") == [cyrillic.pk]
    assert find("samarqand", "uz") == []  # a language's search shows its own articles


def test_one_typo_and_two_in_long_words(write, find):
    article = write("Parliament approves the budget", "Kyrgyzstan lawmakers voted.")
    write("Football results", "The striker scored.")
    assert find("parliment budget") == [article.pk]
    assert find("kyrgystan") == [article.pk]
    assert find("parlaimnet") == [article.pk]  # two edits in a ten-letter word
    assert find("bugdet") == [article.pk]


def test_quoted_phrases_match_as_phrases(write, find):
    phrase = write("Prime minister visits", "The prime minister met farmers.")
    apart = write("Minister visits prime sites", "The minister toured.")
    assert set(find("prime minister")) == {phrase.pk, apart.pk}
    assert find('"prime minister"') == [phrase.pk]


def test_filters_and_sorts(write, find, make_category):
    sport = make_category("en", "sport")
    old = write("Cup final tonight", age=timedelta(days=10))
    new = write("Cup final report", age=timedelta(hours=3), category=sport)
    assert find("cup final", category_id=sport.pk) == [new.pk]
    assert find("cup final", period="today") == [new.pk]
    assert find("cup final", period="month", order=engine.NEWEST) == [new.pk, old.pk]


def test_drafts_expired_and_future_articles_are_never_found(write, find):
    live = write("Flood warning issued")
    write("Flood defences draft", live=False)
    expired = write("Flood warning lifted", expire_at=timezone.now() + timedelta(days=1))
    type(expired).objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(1))
    future = write("Flood report later")
    type(future).objects.filter(pk=future.pk).update(live=False)  # scheduled: not yet live
    assert find("flood") == [live.pk]


def test_any_query_is_text(write, find):
    article = write("Trade AND tariffs: NEAR deal", "Officials said talks continue.")
    for query in (
        'trade AND "tariffs', "tariffs*", "NEAR(trade deal)", "trade -tariffs", "headline:trade",
        "'; DROP TABLE search_fts; --", "<script>alert(1)</script> trade", "trade 🚀🔥",
        '"""', "", "   ", "*", "^trade", "trade OR 1=1", "x" * 1000,
    ):  # fmt: skip
        found = find(query)
        assert found in ([], [article.pk]), query
    assert find("<b>tariffs</b>") == [article.pk]
