"""Stale rather than down: with the database unreachable a kept page is still served
(saying so), a page never kept gets a translated 503 at once, and the site recovers by
itself when the database answers again. The failure is made at the connection: every
query the site sends fails as a stopped server's would."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError, connection

from sahifa.articles import actions

pytestmark = pytest.mark.django_db


class StoppedDatabase:
    """A connection wrapper: every query fails; counts the tries."""

    def __init__(self) -> None:
        self.tries = 0

    def __call__(self, execute, sql, params, many, context):
        self.tries += 1
        raise OperationalError("connection to server failed: Connection refused")


def test_a_kept_page_is_served_while_the_database_is_down(
    page_cache, client, make_article, django_capture_on_commit_callbacks
):
    article = make_article("Kept before the outage")
    assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):  # purged: needs a render
        actions.publish(article.save_revision(), via=actions.ADMIN)

    stopped = StoppedDatabase()
    with connection.execute_wrapper(stopped):
        response = client.get(article.get_url())
    assert stopped.tries > 0  # it did try to render
    assert response.status_code == 200
    assert response.headers["X-Sahifa-Stale"] == "db-unavailable"
    assert b"Kept before the outage" in response.content


def test_a_page_never_kept_gets_a_translated_503_without_waiting(page_cache, client, make_article):
    page_cache.SAHIFA_DB_RETRY_SECONDS = 60
    article = make_article("Never seen", language="ru")
    stopped = StoppedDatabase()
    with connection.execute_wrapper(stopped):
        first = client.get(article.get_url())
        tries = stopped.tries
        second = client.get("/ru/latest/")
    assert first.status_code == second.status_code == 503
    assert first.headers["Retry-After"] == "30"
    assert "no-store" in first.headers["Cache-Control"]
    assert "Скоро вернёмся" in first.content.decode()
    assert stopped.tries == tries  # the second did not wait for the database again


def test_the_site_recovers_by_itself(page_cache, client, make_article):
    page_cache.SAHIFA_DB_RETRY_SECONDS = 0.05
    article = make_article("After the outage")
    with connection.execute_wrapper(StoppedDatabase()):
        assert client.get(article.get_url()).status_code == 503
    time.sleep(0.1)
    response = client.get(article.get_url())
    assert response.status_code == 200 and b"After the outage" in response.content
    assert response.headers["X-Sahifa-Cache"] == "miss"
