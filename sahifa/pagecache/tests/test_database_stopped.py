"""Stale rather than down, with the database really stopped: `sahifa serve` with the page
cache on, over a PostgreSQL server of the test's own that is stopped at once (as a
crash or a lost network would) and started again, the site running all along."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from conftest import free_port
from sahifa.core.testing import postgres, servers

pytestmark = pytest.mark.slow

# Kept pages are past their time after a second: the next reader's request tries the
# database; SWR 0: it renders for that request rather than serving the old copy.
SERVER_SETTINGS = {
    "SAHIFA_PAGE_CACHE": "1",
    "SAHIFA_PAGE_CACHE_SECONDS": "1",
    "SAHIFA_PAGE_CACHE_SWR_SECONDS": "0",
    "SAHIFA_DB_RETRY_SECONDS": "1",
    "SAHIFA_ACCESS_LOG": "0",
    "LOG_LEVEL": "WARNING",
}
# An English and a Russian story; the Russian one is never read before the outage.
CONTENT = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale
from sahifa.articles.models import Article, Category
when = timezone.now() - timedelta(hours=1)
for language, headline in (("en", "Read before the outage"), ("ru", "Никто не читал")):
    locale = Locale.objects.get(language_code=language)
    category = Category.objects.create(locale=locale, slug="world", name="World")
    article = Article.objects.create(
        headline=headline, lead="Lead.", body="<p>Body.</p>", locale=locale,
        category=category, live=True, first_published_at=when, last_published_at=when,
        updated_at=when,
    )
    print("URL", article.get_url())
"""
EDIT = """
from sahifa.articles import actions
from sahifa.articles.models import Article
article = Article.objects.get(headline="Read before the outage")
article.headline = "Edited after the outage"
actions.publish(article.save_revision(), via=actions.ADMIN)
"""


@dataclass
class Site:
    base: str
    env: dict[str, str]
    log: Path
    english: str  # the article paths
    russian: str
    database: postgres.ThrowawayPostgres

    def get(self, path: str) -> tuple[int, Message, str]:
        # Generous (this machine may be busy), but a 503 that waits for a connect timeout
        # or a request that hangs fails.
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as answer:
                return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


RENEW = """
from sahifa.core import blocks
blocks.renew("articles:en")
"""


@pytest.fixture
def site(request, tmp_path) -> Iterator[Site]:
    if reason := postgres.unavailable():
        pytest.skip(reason)
    with postgres.ThrowawayPostgres(free_port()) as database:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("SAHIFA_", "DJANGO_"))}
        env = {**keep, **SERVER_SETTINGS, "SAHIFA_VAR_DIR": str(tmp_path / "var")}
        env.pop("REDIS_URL", None)
        cache = request.config.cache.mkdir("postgres-migrated")
        env["DATABASE_URL"] = postgres.migrated(database, "sahifa", env, cache)
        output = servers.run_sahifa("shell", "-c", CONTENT, env=env)
        english, russian = (line[4:] for line in output.splitlines() if line.startswith("URL "))
        log = tmp_path / "server.log"
        base, server = servers.start_serve(free_port(), env, log, static=False)
        try:
            yield Site(base, env, log, english, russian, database)
        finally:
            servers.stop(server)


def until(check, seconds: float = 30.0):
    """``check()`` once it is truthy (polled); the last value when time runs out."""
    deadline = time.monotonic() + seconds
    while not (found := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_readers_get_kept_pages_while_the_database_is_stopped_and_fresh_ones_after(site):
    kept = (site.english, "/en/", "/en/latest/")
    for path in kept:
        status, headers, _ = site.get(path)
        assert status == 200 and headers["X-Sahifa-Cache"] == "miss"

    # A page read before renders again from its shared blocks alone while they are
    # kept; the English ones renewed just before the outage (as a change event does),
    # each English page must ask the database.
    servers.run_sahifa("shell", "-c", RENEW, env=site.env)
    site.database.stop(mode="immediate")
    time.sleep(1.5)  # past the kept pages' time: each request below tries the database
    for path in kept:
        status, headers, page = site.get(path)
        assert status == 200, f"{path}: {status}\n{page[:2000]}"
        assert "Read before the outage" in page
        assert headers["X-Sahifa-Stale"] == "db-unavailable", path  # the kept copy
    for path in (site.russian, "/ru/latest/"):  # never kept
        status, headers, page = site.get(path)
        assert status == 503, f"{path}: {status}\n{page[:2000]}"
        assert headers["Retry-After"] == "30" and "no-store" in headers["Cache-Control"]
        assert "Скоро вернёмся" in page

    site.database.start()
    # Without a restart: once its pause after the failure is over, the server renders.
    assert until(lambda: site.get(site.russian)[0] == 200), "the never-kept page stays down"
    status, headers, _ = site.get(site.english)
    assert status == 200 and "X-Sahifa-Stale" not in headers
    servers.run_sahifa("shell", "-c", EDIT, env=site.env)
    # The purge reaches the server's process within about a second.
    assert until(lambda: "Edited after the outage" in site.get(site.english)[2])
    assert "Internal Server Error" not in site.log.read_text(errors="replace")
