"""Two app servers behind the shipped Varnish behave as one site: PostgreSQL, Redis and
media on S3-compatible storage shared, nothing else. An edit published through one is
what every reader sees (through Varnish and on each server), view counts are exact
across them, pictures come from the bucket. Runs in the PostgreSQL pass (`bench/cluster.py`
measures the same set-up's times)."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

import pytest

from sahifa.core.testing.cluster import Cluster, unavailable

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

PG_URL = os.environ.get("PG_TEST_URL", "postgres://postgres@127.0.0.1:5432/sahifa")
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"

STORY = """
import json
from sahifa.articles.models import Article
a = (Article.objects.filter(live=True, locale__language_code="en", image__isnull=False)
     .select_related("locale", "category").order_by("pk").first())
print(json.dumps({"id": a.pk, "url": a.get_url(), "headline": a.headline,
                  "views": a.view_count}))
"""

EDIT = """
from sahifa.articles import actions
from sahifa.articles.models import Article
a = Article.objects.get(pk=%(id)d)
a.headline = %(headline)r
actions.publish(a.save_revision(), via=actions.ADMIN)
"""

VIEWS = """
import time
from sahifa.articles.models import Article
deadline = time.monotonic() + 30
while Article.objects.get(pk=%(id)d).view_count < %(wanted)d and time.monotonic() < deadline:
    time.sleep(0.2)
time.sleep(3)  # more flushes: nothing may be counted twice
print(Article.objects.get(pk=%(id)d).view_count)
"""


def read(url: str, agent: str = AGENT, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": agent})
    data = b"" if method == "POST" else None
    try:
        with urllib.request.urlopen(request, data=data, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def seen_everywhere(readers: list[str], path: str, text: str, deadline: float = 30) -> bool:
    """Poll every reader until each shows ``text``."""
    waiting = set(readers)
    started = time.monotonic()
    while waiting and time.monotonic() - started < deadline:
        waiting = {base for base in waiting if text not in read(base + path)[1]}
        time.sleep(0.1)
    return not waiting


def test_two_app_servers_behind_varnish_are_one_site(tmp_path):
    """One set-up for every check (it takes minutes to start): a parallel run must not
    start one per worker."""
    if reason := unavailable(PG_URL):
        pytest.skip(reason)
    with Cluster(tmp_path / "cluster", PG_URL, servers=2) as site:
        story = json.loads(site.run_python(STORY).strip().splitlines()[-1])
        an_edit_through_one_server_is_what_every_reader_sees(site, story)
        pictures_come_from_the_bucket(site, story)
        view_counts_are_exact_across_servers(site, story)


def an_edit_through_one_server_is_what_every_reader_sees(site: Cluster, story: dict) -> None:
    readers = [site.varnish_url, *site.server_urls]
    for base in readers:
        for _ in range(2):  # the second from the caches
            status, page = read(base + story["url"])
            assert status == 200 and story["headline"] in page

    site.run_python(EDIT % {"id": story["id"], "headline": "Edited on one server"})
    assert seen_everywhere(readers, story["url"], "Edited on one server"), site.log("worker")


def pictures_come_from_the_bucket(site: Cluster, story: dict) -> None:
    bucket = f"{site.env['SAHIFA_S3_ENDPOINT_URL']}/{site.env['SAHIFA_S3_BUCKET']}/"
    for base in site.server_urls:
        page = read(base + story["url"])[1]
        assert bucket in page
    address = page[page.index(bucket) :].split('"')[0].split(" ")[0]
    with urllib.request.urlopen(address, timeout=10) as picture:
        assert picture.status == 200 and picture.read(2) == b"\xff\xd8"


def view_counts_are_exact_across_servers(site: Cluster, story: dict) -> None:
    first, second = site.server_urls[:2]
    readers = 40
    for n in range(readers):
        server = first if n % 2 else second
        assert read(f"{server}/api/views/{story['id']}/", f"{AGENT} r{n}", "POST")[0] == 200
    # The same readers again on the other server: not counted again.
    for n in range(10):
        server = second if n % 2 else first
        read(f"{server}/api/views/{story['id']}/", f"{AGENT} r{n}", "POST")
    wanted = story["views"] + readers
    counted = site.run_python(VIEWS % {"id": story["id"], "wanted": wanted})
    assert int(counted.strip().splitlines()[-1]) == wanted
