"""The search cluster engine over real HTTP, without a cluster: a port nothing listens on,
and a local server answering in OpenSearch's documented shapes (`cluster_double`) that
records the queries and documents it is sent."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY

from sahifa.core.metrics import exposition
from sahifa.core.tests.observing import sample
from sahifa.search import cluster, documents, engine, tasks
from sahifa.search.backends import Filters, get_backend
from sahifa.search.backends.opensearch import OpenSearchBackend
from sahifa.search.models import SearchDocument, SearchText

WARNINGS = "sahifa.search.backends.opensearch"


def found(text: str, **options) -> list[int]:
    return [a.pk for a in engine.search("en", text, **options).shown()]


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == WARNINGS]


@pytest.fixture(autouse=True)
def english():
    """Messages are translated (the active language is the site's); these tests read English."""
    with translation.override("en"):
        yield


@pytest.fixture
def two(write):
    """Two articles matching "budget", the database index written (no cluster yet)."""
    return write("Budget approved", "Parliament voted."), write("Budget debate", "Talks.")


def test_the_setting_picks_the_cluster_engine(settings, closed_port):
    assert not isinstance(get_backend(), OpenSearchBackend)
    settings.SAHIFA_SEARCH_URL = closed_port
    assert isinstance(get_backend(), OpenSearchBackend)


def test_a_cluster_nothing_listens_on_leaves_searches_to_the_database(
    two, settings, closed_port, caplog
):
    database = found("budget")
    settings.SAHIFA_SEARCH_URL = closed_port
    settings.SAHIFA_SEARCH_RETRY_SECONDS = 0  # tried again at every search: still one warning
    assert sorted(found("budget")) == sorted(database) == sorted(a.pk for a in two)
    assert found("budget") == database
    (message,) = warnings(caplog)
    assert "search cluster unavailable" in message and "Connection refused" in message


def test_the_reader_s_page_answers_from_the_database_while_the_cluster_is_down(
    two, cluster_double, client
):
    cluster_double.fail(200, delay=3)
    response = client.get("/en/search/", {"q": "budget"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 results" in html and "<mark>Budget</mark> debate" in html


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500},
        {"status": 503},
        {"status": 200, "delay": 3},  # no answer within the deadline
        {"status": 200, "trickle": 0.1},  # each byte quick, the whole answer never
    ],
    ids=["500", "503", "slow", "trickle"],
)
def test_a_cluster_that_errs_or_is_slow_leaves_searches_to_the_database(
    two, cluster_double, failure, caplog
):
    cluster_double.hits = [(two[1].pk, 9.0)]  # what it would answer: the debate alone
    cluster_double.fail(**failure)
    assert sorted(found("budget")) == sorted(a.pk for a in two)
    assert len(cluster_double.sent("_search")) == 1
    (message,) = warnings(caplog)
    assert "search cluster unavailable" in message
    found("budget")  # within the retry period the cluster is not asked again
    assert len(cluster_double.sent("_search")) == 1


def test_a_cluster_that_answers_again_is_used_again(two, cluster_double, settings, caplog):
    settings.SAHIFA_SEARCH_RETRY_SECONDS = 0
    cluster_double.hits = [(two[1].pk, 9.0)]
    cluster_double.fail(500)
    assert len(found("budget")) == 2
    cluster_double.failure = None
    assert found("budget") == [two[1].pk]  # the cluster's answer, checked by the database
    assert warnings(caplog)[-1] == "search cluster answers again; searches use it"


def test_the_metrics_count_what_answered_searches(two, cluster_double, settings):
    def answered(engine: str) -> float:
        return sample(exposition().decode(), "sahifa_search_engine_answers_total", engine=engine)

    settings.SAHIFA_SEARCH_RETRY_SECONDS = 0
    before = {name: answered(name) for name in ("cluster", "database")}
    cluster_double.hits = [(two[1].pk, 9.0)]
    found("budget")
    cluster_double.fail(500)
    found("budget")
    assert answered("cluster") - before["cluster"] >= 1
    assert answered("database") - before["database"] >= 1


def test_the_query_sent_is_terms_fields_and_filters(two, cluster_double, make_category):
    sport = make_category("en", "sport")
    since = timezone.now() - timedelta(days=7)
    cluster_double.hits = [(two[0].pk, 3.0)]
    backend = get_backend()
    plan = engine.make_plan("en", 'budget AND "parliament voted" headline:x*', backend)
    backend.candidates(plan, False, 1000, Filters(category_id=sport.pk, since=since))
    body = cluster_double.sent("/sahifa-test/_search")[0].json()
    assert body["size"] == 1000 and body["_source"] is False and "sort" not in body
    query = body["query"]["bool"]
    assert sorted(json.dumps(f, sort_keys=True) for f in query["filter"]) == sorted(
        json.dumps(f, sort_keys=True)
        for f in (
            {"term": {"language": "en"}},
            {"term": {"public": True}},
            {"term": {"category_id": sport.pk}},
            {"range": {"published_at": {"gte": int(since.timestamp() * 1000)}}},
        )
    )
    text = json.dumps(query["must"])
    phrase = {"match_phrase": {"headline": {"query": "parliament vote", "boost": 5.0}}}
    assert json.dumps(phrase) in text
    assert json.dumps({"match": {"byline": {"query": "budget", "boost": 0.5}}}) in text
    # Only analysed words reach the cluster, as text to match, never as query syntax.
    assert "query_string" not in json.dumps(body)
    queried = [m for m in _values(query["must"], "query")]
    assert queried and all(q.replace(" ", "").isalpha() for q in queried)


def _values(node: object, key: str) -> list[str]:
    if isinstance(node, dict):
        own = [node[key]] if isinstance(node.get(key), str) else []
        return own + [v for child in node.values() for v in _values(child, key)]
    if isinstance(node, list):
        return [v for child in node for v in _values(child, key)]
    return []


def test_any_word_newest_first_and_the_newsroom_unfiltered(two, cluster_double):
    cluster_double.hits = [(two[0].pk, 0.0)]
    backend = get_backend()
    plan = engine.make_plan("en", "budget debate", backend)
    assert backend.candidates(plan, True, 50, Filters(newest=True, public=False)) == [
        (two[0].pk, 0.0)
    ]
    body = cluster_double.sent("_search")[0].json()
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert len(body["query"]["bool"]["should"]) == 2
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "en"}}]
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    expected = "Basic " + base64.b64encode(b"elastic:secret").decode()
    assert cluster_double.sent("_search")[0].authorization == expected


def test_jobs_send_the_database_index_rows_to_the_cluster(two, cluster_double):
    tasks.index_articles.call_local([two[0].pk])
    head, create, sent = cluster_double.requests
    assert (head.method, head.path) == ("HEAD", "/sahifa-test")
    assert (create.method, create.path) == ("PUT", "/sahifa-test-initial")
    mappings = create.json()["mappings"]["properties"]
    assert mappings["headline"] == {"type": "text", "analyzer": "whitespace"}
    assert create.json()["aliases"] == {"sahifa-test": {}}
    action, document = sent.lines()
    text = SearchText.objects.get(pk=two[0].pk)
    assert action == {"index": {"_id": str(two[0].pk)}}
    assert document["headline"] == text.headline == "budget approv"  # the analysed terms
    assert (document["body"], document["language"], document["public"]) == (
        text.body,
        "en",
        True,
    )

    cluster_double.indexes.add("sahifa-test")  # the alias exists now: not made again
    tasks.remove_articles.call_local([two[1].pk])
    assert [r.method for r in cluster_double.requests[3:]] == ["HEAD", "POST"]
    assert cluster_double.requests[-1].lines() == [{"delete": {"_id": str(two[1].pk)}}]
    assert not SearchDocument.objects.filter(pk=two[1].pk).exists()


def test_an_index_another_worker_just_made_is_used(two, cluster_double):
    cluster_double.indexes.add("sahifa-test-initial")  # made, its alias not seen yet
    tasks.index_articles.call_local([two[0].pk])
    assert [r.method for r in cluster_double.requests] == ["HEAD", "PUT", "POST"]
    assert cluster_double.requests[-1].path == "/sahifa-test/_bulk"


def test_a_job_with_the_cluster_down_keeps_the_database_index_and_is_retried(
    two, settings, closed_port, caplog
):
    article = two[0]
    type(article).objects.filter(pk=article.pk).update(headline="Harvest festival")
    settings.SAHIFA_SEARCH_URL = closed_port
    with pytest.raises(cluster.ClusterError, match="the search cluster failed"):
        tasks.index_articles.call_local([article.pk])
    assert SearchText.objects.get(pk=article.pk).headline == "harvest festiv"
    assert f"articles [{article.pk}] indexed in the database, not in the cluster" in caplog.text

    HUEY.flush()
    tasks.index_articles([article.pk])  # through the queue (run inline by the tests)
    (retry,) = HUEY.scheduled()
    assert retry.name.endswith("index_articles") and retry.retries == tasks.RETRIES - 1
    HUEY.flush()


def test_a_document_the_cluster_refuses_fails_the_job(two, cluster_double):
    cluster_double.indexes.add("sahifa-test")
    cluster_double.refused = {"type": "mapper_parsing_exception", "reason": "bad date"}
    with pytest.raises(cluster.ClusterError, match="refused document .*: bad date"):
        tasks.index_articles.call_local([two[0].pk])


def rebuild() -> str:
    err = StringIO()
    call_command("search", "--rebuild", stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_rebuilding_fills_a_fresh_index_and_moves_the_alias(two, cluster_double):
    cluster_double.indexes.add("sahifa-test")
    cluster_double.aliases = {"sahifa-test-initial": {"aliases": {"sahifa-test": {}}}}
    assert "Sent 2 articles to the search cluster." in rebuild()
    calls = [(r.method, r.path) for r in cluster_double.requests]
    fresh = calls[0][1]
    assert calls[0][0] == "PUT" and fresh.startswith("/sahifa-test-2")
    assert (("POST", f"{fresh}/_bulk")) in calls
    sent = [line for r in cluster_double.sent(f"{fresh}/_bulk") for line in r.lines()]
    assert {line["index"]["_id"] for line in sent[::2]} == {str(a.pk) for a in two}
    (swap,) = [r.json() for r in cluster_double.requests if r.path == "/_aliases"]
    assert swap["actions"] == [
        {"remove": {"index": "sahifa-test-initial", "alias": "sahifa-test"}},
        {"add": {"index": fresh.strip("/"), "alias": "sahifa-test"}},
    ]
    assert calls[-1] == ("DELETE", "/sahifa-test-initial")


def test_what_changes_while_rebuilding_is_sent_again_after_the_swap(two, cluster_double):
    cluster_double.indexes.add("sahifa-test")
    edited, deleted = two

    def meanwhile(count: int) -> None:  # the jobs of a newsroom at work, into the alias
        type(edited).objects.filter(pk=edited.pk).update(headline="Harvest festival")
        documents.index([edited.pk])
        documents.remove([deleted.pk])

    assert documents.rebuild_cluster(progress=meanwhile) == 2
    paths = [r.path for r in cluster_double.requests]
    after = cluster_double.requests[paths.index("/_aliases") + 1 :]
    sent = [line for r in after if r.path == "/sahifa-test/_bulk" for line in r.lines()]
    assert sent[:2] == [{"index": {"_id": str(edited.pk)}}, sent[1]]
    assert sent[1]["headline"] == "harvest festiv"
    assert sent[2:] == [{"delete": {"_id": str(deleted.pk)}}]


def test_a_rebuild_with_the_cluster_down_says_so(two, settings, closed_port):
    settings.SAHIFA_SEARCH_URL = closed_port
    with pytest.raises(CommandError, match="The database index is rebuilt; the search cluster"):
        rebuild()
    assert SearchDocument.objects.count() == 2
