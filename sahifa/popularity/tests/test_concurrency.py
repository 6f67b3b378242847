"""Exact counts under concurrency: real threads against a live server, real processes
sharing one buffer, and flushes racing each other."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from sahifa.articles.models import Article
from sahifa.popularity.flush import flush
from sahifa.popularity.models import DailyViews
from sahifa.popularity.wsgi import BeaconShortcut

from .conftest import BROWSER_AGENT

THREADS = 8


def send(url: str, address: str, agent: str = BROWSER_AGENT) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=b"", method="POST", headers={"User-Agent": agent, "X-Forwarded-For": address}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def address(n: int) -> str:
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def stored(article) -> tuple[int, int]:
    total = Article.objects.get(pk=article.pk).view_count
    daily = sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))
    return total, daily


@pytest.fixture
def beacon_url(live_server, settings, make_article):
    """A live server running what `sahifa serve` runs: the beacon short way in front
    of Django."""
    settings.SAHIFA_TRUSTED_PROXIES = ["127.0.0.1"]  # the test plays the proxy
    article = make_article()
    server = live_server.thread.httpd
    django_app = server.get_app()
    server.set_app(BeaconShortcut(django_app))
    yield article, f"{live_server.url}/api/views/{article.pk}/"
    server.set_app(django_app)


@pytest.mark.slow
def test_concurrent_beacons_from_distinct_readers_count_exactly(buffer, beacon_url):
    article, url = beacon_url
    readers = 400
    with ThreadPoolExecutor(THREADS) as pool:
        first = list(pool.map(lambda n: send(url, address(n)), range(readers)))
        again = list(pool.map(lambda n: send(url, address(n)), range(readers)))
    assert {status for status, _ in first + again} == {200}
    assert all(set(body) == {"views", "counted"} for _, body in first + again)
    assert sum(body["counted"] for _, body in first) == readers
    assert sum(body["counted"] for _, body in again) == 0
    assert buffer.pending_total() == readers
    assert flush(buffer) == readers
    assert stored(article) == (readers, readers)


def test_one_reader_racing_itself_counts_once(buffer, beacon_url):
    article, url = beacon_url
    start = threading.Barrier(THREADS * 2)

    def race(_):
        start.wait()
        return send(url, "203.0.113.50")

    with ThreadPoolExecutor(THREADS * 2) as pool:
        answers = list(pool.map(race, range(THREADS * 2)))
    assert [body["counted"] for _, body in answers].count(True) == 1
    assert flush(buffer) == 1


def _record_in_child(buffer, article_id: int, first: int, count: int) -> None:
    for n in range(first, first + count):
        buffer.record(article_id, address(n), BROWSER_AGENT)
    os._exit(0)  # dies without flushing: what it buffered must already be shared


@pytest.mark.slow
def test_processes_sharing_the_buffer_lose_and_double_nothing(buffer, make_article):
    article = make_article()
    buffer.record(article.pk, "192.0.2.1", BROWSER_AGENT)  # the day's salt exists
    per_child, children = 150, 4
    fork = multiprocessing.get_context("fork")
    # Each range is sent twice, by two processes at once: repeats must not count.
    jobs = [
        fork.Process(
            target=_record_in_child, args=(buffer, article.pk, (i % 2) * per_child, per_child)
        )
        for i in range(children)
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(60)
        assert job.exitcode == 0
    expected = 1 + 2 * per_child
    assert buffer.pending_total() == expected
    assert flush(buffer) == expected
    assert stored(article) == (expected, expected)


@pytest.mark.postgres
def test_racing_flushes_write_each_view_once(buffer, make_article, transactional_db):
    """Web processes, the job queue and the command may flush at the same moment."""
    article = make_article()
    for n in range(300):
        buffer.record(article.pk, address(n), BROWSER_AGENT)

    def flush_in_thread(_) -> int:
        try:
            return flush(buffer)
        finally:
            # This thread's own database connection: left open, it keeps the test
            # database from being dropped at the end of the run.
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        written = sum(pool.map(flush_in_thread, range(4)))
    assert written == 300
    assert stored(article) == (300, 300)
