"""The OpenSearch or Elasticsearch cluster (``SAHIFA_SEARCH_URL``): its client, and the
copy of the database index it keeps.

The cluster gets the same pre-analysed terms as the database's index (`documents`),
indexed with the `whitespace` analyzer: Uzbek folding, stems and stop words are ours on
every engine, and the cluster only matches and ranks. Readers and writers use an alias
(``SAHIFA_SEARCH_INDEX``); a rebuild fills a fresh index and then moves the alias to it
in one step, so searches never see a half-built index. Only REST calls common to
OpenSearch 1-3 and Elasticsearch 7-9 are used."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError, OpenSearchException, RequestError

from sahifa.search.models import SearchDocument

log = logging.getLogger(__name__)
REASON = 300  # characters of a cluster's error kept in a message
CHUNK = 500  # documents a bulk request carries
TEXT = {"type": "text", "analyzer": "whitespace"}  # terms arrive analysed already
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "article_id": {"type": "long"},
        "language": {"type": "keyword"},
        "public": {"type": "boolean"},
        "category_id": {"type": "integer"},
        "published_at": {"type": "date", "format": "epoch_millis"},
        "headline": TEXT,
        "body": TEXT,
        "byline": TEXT,
    },
}


class ClusterError(Exception):
    """The cluster could not be reached or refused a request; the message says which, in
    words for an operator (never the URL's password)."""


def enabled() -> bool:
    return bool(settings.SAHIFA_SEARCH_URL)


def alias() -> str:
    return str(settings.SAHIFA_SEARCH_INDEX)


@cache
def _client(url: str, ca_certs: str) -> OpenSearch:
    # One client a process (its connections are pooled and thread-safe); no retries: a
    # search falls back to the database at once, a job is retried by the job queue.
    options: dict[str, Any] = {"max_retries": 0, "retry_on_timeout": False}
    if ca_certs:
        options["ca_certs"] = ca_certs
    return OpenSearch(hosts=[url], **options)


def client() -> OpenSearch:
    return _client(settings.SAHIFA_SEARCH_URL, settings.SAHIFA_SEARCH_CA_CERTS)


def failure(error: Exception) -> ClusterError:
    """An operator's message for what went wrong (the client's errors carry a status and
    the cluster's reason, never the URL's credentials)."""
    return ClusterError(_("the search cluster failed: %(error)s") % {"error": describe(error)})


def describe(error: Exception) -> str:
    status = getattr(error, "status_code", None)
    reason = str(getattr(error, "error", None) or type(error).__name__)[:REASON]
    return f"{status} {reason}" if isinstance(status, int) else reason


# --- What the cluster keeps ----------------------------------------------------------------


def millis(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


def source(document: SearchDocument) -> dict[str, Any]:
    """A document as the cluster keeps it: the database index's row and its text."""
    text = document.text
    return {
        "article_id": document.pk,
        "language": document.language,
        "public": document.public,
        "category_id": document.category_id,
        "published_at": millis(document.published_at),
        "headline": text.headline,
        "body": text.body,
        "byline": text.extra,
    }


def rows(article_ids: Iterable[int] | None = None) -> Iterator[SearchDocument]:
    found = SearchDocument.objects.select_related("text").order_by("pk")
    if article_ids is not None:
        found = found.filter(pk__in=list(article_ids))
    return found.iterator(chunk_size=CHUNK)


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Writing ---------------------------------------------------------------------------


def send(article_ids: Iterable[int]) -> None:
    """Give the cluster these articles' documents as the database index has them now
    (those it no longer has are deleted). Raises ClusterError: the job is retried."""
    wanted = set(article_ids)
    ensure_alias()
    for batch in chunks(rows(wanted)):
        bulk(alias(), [op for document in batch for op in index_op(document)])
        wanted -= {document.pk for document in batch}
    _delete(wanted)


def delete(article_ids: Iterable[int]) -> None:
    ensure_alias()
    _delete(article_ids)


def _delete(article_ids: Iterable[int]) -> None:
    for batch in chunks(article_ids):
        bulk(alias(), [{"delete": {"_id": str(pk)}} for pk in batch])


def index_op(document: SearchDocument) -> list[dict[str, Any]]:
    return [{"index": {"_id": str(document.pk)}}, source(document)]


def bulk(index: str, operations: list[dict[str, Any]]) -> None:
    """One bulk request; a failed item fails it all (a deletion of what was not there is
    not a failure)."""
    if not operations:
        return
    timeout = settings.SAHIFA_SEARCH_INDEX_TIMEOUT
    try:
        answer = client().bulk(body=operations, index=index, request_timeout=timeout)
    except OpenSearchException as error:
        raise failure(error) from error
    if answer.get("errors"):
        for item in answer.get("items", []):
            (result,) = item.values()
            if "error" in result:
                reason = result["error"].get("reason") or result["error"].get("type")
                raise ClusterError(
                    _("the search cluster refused document %(id)s: %(reason)s")
                    % {"id": result.get("_id"), "reason": reason}
                )


def ensure_alias() -> None:
    """The alias exists before anything is written: a write to a missing name would make
    an index with guessed field types. The first index has a fixed name, so workers that
    start together make one."""
    name = alias()
    body = {"mappings": MAPPINGS, "aliases": {name: {}}}
    try:
        if not client().indices.exists(index=name):  # an alias or an index of that name
            client().indices.create(index=f"{name}-initial", body=body)
    except RequestError as error:
        if error.error != "resource_already_exists_exception":  # made meanwhile by another
            raise failure(error) from error
    except OpenSearchException as error:
        raise failure(error) from error


# --- Rebuilding --------------------------------------------------------------------------


def rebuild(progress: Callable[[int], object] = lambda n: None) -> int:
    """Fill a fresh index from the database index, move the alias to it, then send again
    what changed meanwhile and delete the former indexes. Returns how many documents."""
    name, started = alias(), timezone.now()
    fresh = f"{name}-{started.strftime('%Y%m%d%H%M%S%f')}"
    # Refreshed once at the end rather than every second while it fills.
    body = {"settings": {"index": {"refresh_interval": "-1"}}, "mappings": MAPPINGS}
    try:
        client().indices.create(index=fresh, body=body)
        try:
            sent = fill(fresh, progress)
            former = swap(name, fresh)
        except (OpenSearchException, ClusterError):
            discard(fresh)  # the alias still names the former index
            raise
        catch_up(started, sent)
        for index in former:
            client().indices.delete(index=index, ignore=404)
    except OpenSearchException as error:
        raise failure(error) from error
    log.info("search cluster rebuilt: %d documents in %s", len(sent), fresh)
    return len(sent)


def fill(index: str, progress: Callable[[int], object]) -> set[int]:
    sent: set[int] = set()
    for batch in chunks(rows()):
        bulk(index, [op for document in batch for op in index_op(document)])
        sent.update(document.pk for document in batch)
        progress(len(batch))
    client().indices.put_settings(index=index, body={"index": {"refresh_interval": None}})
    client().indices.refresh(index=index)
    return sent


def discard(index: str) -> None:
    try:
        client().indices.delete(index=index, ignore=404)
    except OpenSearchException:
        log.warning("search cluster: index %s could not be deleted; delete it by hand", index)


def swap(name: str, fresh: str) -> list[str]:
    """Point the alias at ``fresh`` alone, in one step; returns the indexes it left."""
    try:
        former = list(client().indices.get_alias(name=name))
    except NotFoundError:
        former = []
    actions: list[dict[str, Any]] = [{"remove": {"index": i, "alias": name}} for i in former]
    if not former and client().indices.exists(index=name):
        actions.append({"remove_index": {"index": name}})  # a plain index in the alias' place
    actions.append({"add": {"index": fresh, "alias": name}})
    client().indices.update_aliases(body={"actions": actions})
    return [index for index in former if index != fresh]


def catch_up(started: datetime, sent: set[int]) -> None:
    """Articles indexed or deleted while the fresh index was filled: the jobs wrote them
    to the former index."""
    changed = SearchDocument.objects.filter(indexed_at__gte=started).values_list("pk", flat=True)
    gone = sent - set(SearchDocument.objects.values_list("pk", flat=True))
    send([*changed, *gone])
