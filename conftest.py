"""Fixtures every app's tests share: real objects in the real test database."""

from __future__ import annotations

import itertools
import os
import random
import socket
import tempfile
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from sahifa.core.probe import postgres_unreachable, redis_unreachable

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
# The parallel worker running this process ("gw0", "gw1"...), "main" in a serial run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_counter = itertools.count(1)

# Ports a test picks by number come from a block of its worker's own, below the range
# the system hands out for port 0 (Linux: 32768-60999) to live servers, test doubles and
# outgoing connections: between the check and the use nothing else in the run takes it.
# The run's first block is drawn by chance (the same for all its workers), so runs of
# other checkouts at the same time most likely use other blocks.
FIRST_PORT, PORT_BLOCK, BLOCKS = 20_000, 250, 50
_ports = random.Random()  # the tests' own random state is left alone
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(_ports.random())


def free_port() -> int:
    """A local port nobody listens on now (for a test's own server, or one that is down)."""
    index = int(WORKER[2:]) if WORKER[2:].isdigit() else 0
    first = FIRST_PORT + (zlib.crc32(_RUN.encode()) + index) % BLOCKS * PORT_BLOCK
    for port in _ports.sample(range(first, first + PORT_BLOCK), PORT_BLOCK):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{first + PORT_BLOCK - 1}")


def pytest_collection_modifyitems(config, items):
    """Skip tests whose outside server is not reachable, saying why."""
    reasons = {}
    for item in items:
        if "redis" in item.keywords:
            if "redis" not in reasons:
                reasons["redis"] = redis_unreachable(REDIS_TEST_URL)
            if reasons["redis"]:
                item.add_marker(pytest.mark.skip(reason=reasons["redis"]))
        if "postgres" in item.keywords:
            from django.conf import settings

            if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
                url = os.environ.get("PG_TEST_URL", "postgres://postgres@127.0.0.1:5432/sahifa")
                reasons.setdefault(
                    "postgres", postgres_unreachable(url) or "runs in the PostgreSQL pass"
                )
                item.add_marker(pytest.mark.skip(reason=reasons["postgres"]))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rows of an earlier test (rolled back, their
    ids reused) must not come back from the page blocks kept there."""
    from django.core.cache import caches

    from sahifa.core import blocks

    for alias in ("default", "generations", "fragments"):
        caches[alias].clear()
    blocks.forget_local()


@pytest.fixture
def one_rate_window(time_machine):
    """The clock at the start of the next minute, still running: a test's requests all
    fall in one per-minute rate window (one that ended half way through a test reset
    its count, and failed it now and then)."""
    now = timezone.now()
    time_machine.move_to(now.replace(second=0, microsecond=0) + timedelta(minutes=1), tick=True)


@pytest.fixture
def page_cache(settings):
    """The page cache on, with the test process's own (in-memory) cache emptied."""
    from sahifa.pagecache import outage, store

    settings.SAHIFA_PAGE_CACHE = True
    store.forget_memory()
    outage.recovered()  # no outage left over from an earlier test
    yield settings
    store.forget_memory()
    outage.recovered()


@pytest.fixture
def make_category(db) -> Callable[..., object]:
    from wagtail.models import Locale

    from sahifa.articles.models import Category

    def make(language: str = "en", slug: str = "world", name: str | None = None, **kw):
        locale = Locale.objects.get(language_code=language)
        category, _ = Category.objects.get_or_create(
            locale=locale, slug=slug, defaults={"name": name or slug.title(), **kw}
        )
        return category

    return make


@pytest.fixture
def make_article(db, make_category) -> Callable[..., object]:
    """An article, published (live) unless ``live=False``; ``age`` sets how long ago."""
    from wagtail.models import Locale

    from sahifa.articles.models import Article

    def make(
        headline: str | None = None,
        language: str = "en",
        category: object | None = None,
        live: bool = True,
        age: timedelta = timedelta(hours=1),
        published_at: datetime | None = None,
        **kw,
    ):
        n = next(_counter)
        category = category or make_category(language)
        when = published_at or timezone.now() - age
        article = Article(
            headline=headline or f"Article number {n}",
            lead=kw.pop("lead", f"Lead of article {n}."),
            body=kw.pop("body", f"<p>Body of article {n}.</p>"),
            locale=Locale.objects.get(language_code=language),
            category=category,
            live=live,
            first_published_at=when if live else None,
            last_published_at=when if live else None,
            updated_at=when,
            **kw,
        )
        article.save()
        return article

    return make


BROWSER_QUIET_FLAGS = (
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture
def browser():
    """A headless Debian Chromium driven by selenium (marker `browser`); skipped, saying
    why, where Chromium or its driver is not installed."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("Chromium and chromedriver are needed (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    # Nothing from a previous run or from the network outside the test.
    for arg in BROWSER_QUIET_FLAGS:
        options.add_argument(arg)
    # Every request the page makes, for tests that check where a page reaches.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    profile = tempfile.mkdtemp(prefix="sahifa-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    # The driver's port from this worker's block (selenium's own pick is any free port,
    # which another worker's server could take before the driver binds it).
    service = Service(driver_path, port=free_port())
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def loopback_fetches(settings):
    """Outside fetches may reach this machine's test servers (they refuse private and
    loopback addresses by default: `sahifa.core.outbound`)."""
    settings.SAHIFA_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1", "localhost", "::1"]
