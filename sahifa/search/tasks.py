"""The index's jobs, run by the job worker. A search cluster that does not take its
copy fails the job after the database index is written; the queue tries it again."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from huey.contrib.djhuey import db_task

from sahifa.search import cluster, documents

log = logging.getLogger(__name__)
# Ten tries a minute apart ride out a cluster's restart; after a longer outage
# `sahifa search --rebuild` brings the cluster in step.
RETRIES, RETRY_DELAY = 10, 60


@contextmanager
def cluster_failure_logged(done: str, article_ids: list[int]) -> Iterator[None]:
    try:
        yield
    except cluster.ClusterError as error:
        log.error("articles %s %s (retried): %s", article_ids, done, error)
        raise


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def index_articles(article_ids: list[int]) -> None:
    with cluster_failure_logged("indexed in the database, not in the cluster", article_ids):
        documents.index(article_ids)


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def remove_articles(article_ids: list[int]) -> None:
    with cluster_failure_logged("removed from the database, not from the cluster", article_ids):
        documents.remove(article_ids)
