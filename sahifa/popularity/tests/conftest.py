"""Fixtures of the view-counting tests: a real buffer of each kind (a SQLite file in a
scratch folder; Redis under its own key prefix where a server is reachable)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.core.cache import cache

from conftest import REDIS_TEST_URL
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
        settings.SAHIFA_VIEWS_REDIS_PREFIX = f"sahifa-test:{uuid.uuid4().hex[:12]}"
    else:
        settings.REDIS_URL = ""
        settings.SAHIFA_VIEWS_BUFFER_FILE = tmp_path / "views.sqlite3"
    view_buffer = get_buffer()
    yield view_buffer
    if request.param == "redis":
        view_buffer.delete_everything()


@pytest.fixture
def beacon(client):
    """POST a beacon as a browser would; ``agent`` and ``address`` name the reader."""

    def send(article, agent: str = BROWSER_AGENT, address: str = "203.0.113.7", **headers):
        article_id = getattr(article, "pk", article)
        return client.post(
            f"/api/views/{article_id}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers
        )

    return send
