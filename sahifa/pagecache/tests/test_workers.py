"""Several worker processes of `sahifa serve` share the page cache (the embedded
SQLite-backed cache): a change written by another process reaches every worker within
3 seconds, and concurrent first requests for a page make one render."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from sahifa.core.tests.test_serve import request, serving

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
WORKERS = 2
PURGE_SECONDS = 3.0  # the rule: no reader sees a change later than this


def shell(tmp_path: Path, code: str) -> str:
    """Run ``code`` in a new `sahifa shell` on the served site's database and cache."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'site.sqlite3'}"  # the copy `serving` made
    else:
        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    env.update(SAHIFA_VAR_DIR=str(tmp_path / "var"), DATABASE_URL=url, LOG_LEVEL="WARNING")
    sahifa = str(Path(sys.executable).with_name("sahifa"))
    result = subprocess.run(
        [sahifa, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit_headline(tmp_path: Path, article_id: int, headline: str) -> float:
    """Publish a new headline through the write path in another process; returns the
    time its purge was sent."""
    out = shell(
        tmp_path,
        "import time\n"
        "from sahifa.articles import actions\n"
        "from sahifa.articles.models import Article\n"
        f"a = Article.objects.get(pk={article_id})\n"
        f"a.headline = {headline!r}\n"
        "actions.publish(a.save_revision(), via='shell')\n"
        "print(time.time())\n",
    )
    return float(out.strip().splitlines()[-1])


def fetch_many(url: str, count: int) -> list[tuple[int, str, bytes]]:
    """``count`` requests at once, each on its own connection (so on any worker)."""

    def one(_n: int) -> tuple[int, str, bytes]:
        status, headers, body = request(url)
        return status, headers.get("X-Sahifa-Cache", ""), body

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_a_change_reaches_every_worker_within_three_seconds(make_article, tmp_path):
    article = make_article("The first headline")
    with serving(tmp_path, workers=WORKERS) as (base, _log, _server):
        url = base + article.get_url()
        for _ in range(4):  # kept, and served from the cache by each worker
            answers = fetch_many(url, 8)
            assert all(a[0] == 200 and b"The first headline" in a[2] for a in answers)
        assert {a[1] for a in fetch_many(url, 8)} == {"hit"}

        sent = edit_headline(tmp_path, article.pk, "The corrected headline")
        # Every reader, on any worker, sees the new headline within the rule's time.
        seen_everywhere = None
        while time.time() - sent < PURGE_SECONDS + 2:
            answers = fetch_many(url, 8)
            if all(b"The corrected headline" in a[2] for a in answers):
                seen_everywhere = time.time() - sent
                break
            time.sleep(0.05)
        assert seen_everywhere is not None and seen_everywhere <= PURGE_SECONDS
        assert {a[1] for a in fetch_many(url, 8)} == {"hit"}  # and kept again


def test_concurrent_first_requests_make_one_render(make_article, make_category, tmp_path):
    world = make_category("en", "world")
    article = make_article("Spread on a big channel", category=world)
    with serving(tmp_path, workers=WORKERS) as (base, _log, _server):
        answers = fetch_many(base + world.get_url(), 16)
        assert all(a[0] == 200 and b"Spread on a big channel" in a[2] for a in answers)
        # One request rendered; the others waited for its render.
        assert Counter(a[1] for a in answers) == {"miss": 1, "hit": 15}

        # Purged: one render again, the others get the previous version meanwhile or
        # the new one.
        edit_headline(tmp_path, article.pk, "Spread, corrected")
        time.sleep(1.5)  # every worker has seen the purge (it remembers generations 1 s)
        answers = fetch_many(base + world.get_url(), 16)
        assert [a[1] for a in answers].count("miss") == 1
        assert {a[1] for a in answers} <= {"miss", "hit", "stale"}
