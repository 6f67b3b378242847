"""Fixtures for the search tests: articles written through the write path, so the index
follows their change events as it does on the site (the jobs run inline)."""

from __future__ import annotations

import socket

import pytest

from sahifa.articles import actions
from sahifa.search import documents
from sahifa.search.backends import opensearch
from sahifa.search.tests.cluster_double import ClusterDouble


@pytest.fixture
def write(make_article, django_capture_on_commit_callbacks):
    """A published article (unless live=False: a draft), through the write path."""

    def make(headline: str, body: str = "", language: str = "en", live: bool = True, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(
                headline=headline, language=language, live=False, body=f"<p>{body}</p>", **kw
            )
            revision = actions.save_draft(article, via=actions.ADMIN)
        if live:
            published_at = kw.get("published_at") or article.updated_at
            with django_capture_on_commit_callbacks(execute=True):
                actions.publish(revision, via=actions.ADMIN)
            # The time a test asks for, and the index's copy of it.
            type(article).objects.filter(pk=article.pk).update(first_published_at=published_at)
            documents.index([article.pk])
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def cluster_double(settings):
    """A local server answering as a search cluster, the site pointed at it (a search may
    wait 0.5 s), and this process' view of the cluster's health fresh."""
    double = ClusterDouble()
    double.thread.start()
    settings.SAHIFA_SEARCH_URL = double.url
    settings.SAHIFA_SEARCH_INDEX = "sahifa-test"
    settings.SAHIFA_SEARCH_TIMEOUT = 0.5
    settings.SAHIFA_SEARCH_INDEX_TIMEOUT = 0.5
    opensearch.health.answered()
    try:
        yield double
    finally:
        double.server.shutdown()
        double.server.server_close()
        opensearch.health.answered()


@pytest.fixture
def closed_port() -> str:
    """The address of a port nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"
