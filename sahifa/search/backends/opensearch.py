"""OpenSearch or Elasticsearch (``SAHIFA_SEARCH_URL``): the cluster matches and ranks
(BM25 over the same pre-analysed terms as the database's index, the headline weighing 5,
lead and body 1, byline 0.5, as on SQLite); the database still gives the vocabulary for
typo correction (`similar_words`) and checks what readers are shown.

Terms reach the cluster as the text of `match` and `match_phrase` clauses, analysed by
the `whitespace` analyzer: never as query syntax.

A cluster that is down, erring or slow never holds a search up: each request has a
deadline for the whole of it (``SAHIFA_SEARCH_TIMEOUT``, enforced here too, so an answer
trickling in is cut off), after which the database's own engine answers; for
``SAHIFA_SEARCH_RETRY_SECONDS`` after a failure the process asks the database alone, then
tries the cluster again by itself. One warning is logged per run of failures."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Deadline
from typing import Any

from django.conf import settings
from opensearchpy.exceptions import OpenSearchException

from sahifa.core import metrics
from sahifa.search import cluster
from sahifa.search.backends import Backend, Filters
from sahifa.search.query import Plan

log = logging.getLogger(__name__)
# Field and weight, as the SQLite engine's BM25 column weights.
FIELDS = (("headline", 5.0), ("body", 1.0), ("byline", 0.5))
# Threads that wait on the cluster for a process' searches (more than the request
# threads of a web worker, one by default), each search on its own deadline.
_requests = ThreadPoolExecutor(max_workers=8, thread_name_prefix="search-cluster")


class Health:
    """Whether this process should ask the cluster, and one warning per run of failures."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._failing = False

    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def failed(self, reason: str) -> None:
        with self._lock:
            first = not self._failing
            self._failing = True
            self._down_until = time.monotonic() + settings.SAHIFA_SEARCH_RETRY_SECONDS
        if first:
            log.warning(
                "search cluster unavailable (%s); searches are answered by the database "
                "and the cluster is tried again every %g s",
                reason,
                settings.SAHIFA_SEARCH_RETRY_SECONDS,
            )

    def answered(self) -> None:
        with self._lock:
            was_failing, self._failing, self._down_until = self._failing, False, 0.0
        if was_failing:
            log.warning("search cluster answers again; searches use it")


health = Health()


def over_fields(kind: str, text: str) -> dict[str, Any]:
    """``text`` matched (``kind``: match or match_phrase) in each field, scores summed
    with the fields' weights, as BM25 over weighted columns does."""
    clauses = [{kind: {name: {"query": text, "boost": weight}}} for name, weight in FIELDS]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def query(plan: Plan, any_group: bool, filters: Filters) -> dict[str, Any]:
    """The bool query: each group any of its terms, each phrase as a phrase; all of them,
    or with ``any_group`` at least one; the filters as filters (they do not score)."""
    clauses = [
        {"bool": {"should": [over_fields("match", t) for t in g.terms], "minimum_should_match": 1}}
        for g in plan.groups
    ]
    clauses += [over_fields("match_phrase", " ".join(phrase)) for phrase in plan.phrases]
    conditions: list[dict[str, Any]] = [{"term": {"language": plan.language}}]
    if filters.public:
        conditions.append({"term": {"public": True}})
    if filters.category_id is not None:
        conditions.append({"term": {"category_id": filters.category_id}})
    if filters.since is not None:
        conditions.append({"range": {"published_at": {"gte": cluster.millis(filters.since)}}})
    found: dict[str, Any] = {"filter": conditions}
    if any_group:
        found.update(should=clauses, minimum_should_match=1)
    else:
        found["must"] = clauses
    return {"bool": found}


def request(plan: Plan, any_group: bool, limit: int, filters: Filters) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": query(plan, any_group, filters),
        "size": limit,
        "_source": False,
        "track_total_hits": False,
    }
    if filters.newest:
        body["sort"] = [
            {"published_at": {"order": "desc", "missing": "_last"}},
            {"article_id": {"order": "desc"}},
        ]
    return body


class OpenSearchBackend:
    name = "opensearch"

    def __init__(self, database: Backend) -> None:
        self.database = database  # answers when the cluster does not; has the vocabulary

    def candidates(
        self, plan: Plan, any_group: bool, limit: int, filters: Filters
    ) -> list[tuple[int, float]]:
        if health.available():
            try:
                found = self._search(request(plan, any_group, limit, filters))
            except (OpenSearchException, KeyError, TypeError, ValueError) as error:
                health.failed(cluster.describe(error))  # ValueError...: an answer not understood
            except Deadline:
                health.failed(f"no whole answer within {settings.SAHIFA_SEARCH_TIMEOUT:g} s")
            else:
                health.answered()
                metrics.count_search("cluster")
                return found
        metrics.count_search("database")  # operators see how often the cluster is missed
        return self.database.candidates(plan, any_group, limit, filters)

    def _search(self, body: dict[str, Any]) -> list[tuple[int, float]]:
        timeout = settings.SAHIFA_SEARCH_TIMEOUT
        index = cluster.alias()
        # The client's timeout is per read of the socket; the future's is for the whole.
        future = _requests.submit(
            cluster.client().search, index=index, body=body, request_timeout=timeout
        )
        try:
            answer = future.result(timeout=timeout)
        except Deadline:
            future.cancel()  # if it had not started yet
            raise
        return [(int(hit["_id"]), float(hit["_score"] or 0.0)) for hit in answer["hits"]["hits"]]

    def similar_words(self, language: str, word: str, limit: int) -> list[str]:
        return self.database.similar_words(language, word, limit)
