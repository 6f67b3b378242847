"""Fixtures of the view-counting tests: a real buffer of each kind (a SQLite file in a
scratch folder; Redis under its own key prefix where a server is reachable)."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from conftest import REDIS_TEST_URL, WORKER
from sahifa.popularity import lookup

BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Nothing remembered from another test's articles (ids repeat after rollbacks)."""
    lookup.forget()
    cache.clear()
    yield
    lookup.forget()
    cache.clear()


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def buffer(request, settings, tmp_path):
    """The buffer the site uses, set up as SQLite or as Redis."""
    from sahifa.popularity.buffers import get_buffer

    if request.param == "redis":
        settings.REDIS_URL = REDIS_TEST_URL
        # Keys of this test alone (the Redis test database is shared by the parallel
        # workers and by other runs); removed by prefix afterwards, never flushed.
        settings.SAHIFA_VIEWS_REDIS_PREFIX = f"sahifa-test:{WORKER}:{uuid.uuid4().hex[:12]}"
    else:
        settings.REDIS_URL = ""
        settings.SAHIFA_VIEWS_BUFFER_FILE = tmp_path / "views.sqlite3"
    view_buffer = get_buffer()
    yield view_buffer
    if request.param == "redis":
        view_buffer.delete_everything()


class WsgiResponse:
    """What the server's WSGI application answered, read like a test-client response."""

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.content = body

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def json(self):
        return json.loads(self.content)


def call_wsgi(method: str, path: str, **meta: str) -> WsgiResponse:
    """One request through ``sahifa.wsgi.application``, the application `sahifa serve`
    runs: its beacon short way first, then Django."""
    from sahifa.wsgi import application

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.input": io.BytesIO(b"")}
    setup_testing_defaults(environ)
    environ.update(meta)
    answered: dict = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=headers)

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return WsgiResponse(answered["status"], answered["headers"], body)


@pytest.fixture(params=["django", "server"])
def beacon(request, client):
    """POST a beacon as a browser would; ``agent`` and ``address`` name the reader.
    Sent two ways: to the Django view (test client) and to the server's application,
    whose short way answers beacons before Django."""

    def send(article, agent: str = BROWSER_AGENT, address: str = "203.0.113.7", **headers):
        path = f"/api/views/{getattr(article, 'pk', article)}/"
        meta = {"HTTP_USER_AGENT": agent, "REMOTE_ADDR": address, **headers}
        if request.param == "server":
            return call_wsgi("POST", path, **meta)
        return client.post(path, **meta)

    return send
