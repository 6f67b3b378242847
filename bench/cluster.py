"""Several app servers as one site, on this machine: PostgreSQL, Redis, media on a local
S3 server, N `sahifa serve` processes, one job worker, the shipped Varnish in front
(`sahifa/core/testing/cluster.py` starts it all). Prints how long after an edit commits
every reader sees it (through Varnish and on each server), that view counts are exact
across servers, and when the one job worker published a scheduled article.

    .venv/bin/python bench/cluster.py                    # 2 servers, 5 edits
    .venv/bin/python bench/cluster.py --servers 3 --edits 10 --no-schedule
    .venv/bin/python bench/cluster.py --postgres postgres://postgres@127.0.0.1:5432/sahifa

Needs varnish and varnish-modules, redis-server, a PostgreSQL server and the
development requirements (moto's server). Exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sahifa.core.testing.cluster import Cluster, unavailable  # noqa: E402
from sahifa.edge.tests.test_several_servers import (  # noqa: E402
    AGENT,
    STORY,
    VIEWS,
    read,
)

PROMISE_SECONDS = 3.0

EDIT = """
import time
from sahifa.articles import actions
from sahifa.articles.models import Article
a = Article.objects.get(pk=%(id)d)
a.headline = %(headline)r
actions.publish(a.save_revision(), via=actions.ADMIN)
print(time.time())
"""

SCHEDULE = """
import datetime
from django.utils import timezone
from sahifa.articles import actions
from sahifa.articles.models import Article
like = Article.objects.filter(live=True, locale__language_code="en").order_by("-pk").first()
a = Article(headline="Scheduled %(tag)s", lead="Lead.", body="<p>Body.</p>",
            locale=like.locale, category=like.category, live=False,
            go_live_at=timezone.now() + datetime.timedelta(seconds=5))
actions.publish(actions.save_draft(a, via=actions.ADMIN), via=actions.ADMIN)
print(a.go_live_at.timestamp())
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--readers", type=int, default=200, help="distinct beacon senders")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/sahifa")
    parser.add_argument("--no-schedule", action="store_true", help="skip the scheduled check")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return parser.parse_args()


def watch(base: str, path: str, text: str, seen: dict[str, float], stop: threading.Event) -> None:
    while not stop.is_set():
        if text in read(base + path)[1]:
            seen[base] = time.time()
            return
        time.sleep(0.05)


def edit_delays(site: Cluster, story: dict, edits: int) -> dict[str, list[float]]:
    """Seconds from each edit's commit until each reader shows it."""
    readers = [site.varnish_url, *site.server_urls]
    delays: dict[str, list[float]] = {base: [] for base in readers}
    for n in range(1, edits + 1):
        headline = f"Edit number {n} on one server"
        seen: dict[str, float] = {}
        stop = threading.Event()
        threads = [
            threading.Thread(target=watch, args=(b, story["url"], headline, seen, stop))
            for b in readers
        ]
        for thread in threads:
            thread.start()
        committed = float(site.run_python(EDIT % {"id": story["id"], "headline": headline})
                          .strip().splitlines()[-1])  # fmt: skip
        for thread in threads:
            thread.join(30)
        stop.set()
        for base in readers:
            delays[base].append(seen[base] - committed if base in seen else float("inf"))
    return delays


def count_views(site: Cluster, story: dict, readers: int) -> tuple[int, int]:
    servers = site.server_urls
    before = json.loads(site.run_python(STORY).strip().splitlines()[-1])["views"]
    for n in range(readers):
        read(f"{servers[n % len(servers)]}/api/views/{story['id']}/", f"{AGENT} r{n}", "POST")
        read(f"{servers[(n + 1) % len(servers)]}/api/views/{story['id']}/", f"{AGENT} r{n}", "POST")
    after = site.run_python(VIEWS % {"id": story["id"], "wanted": before + readers})
    return before + readers, int(after.strip().splitlines()[-1])


def scheduled_delay(site: Cluster) -> float:
    """Seconds from a scheduled article's go-live time until Varnish's readers see it."""
    tag = str(int(time.time()))
    go_live = float(site.run_python(SCHEDULE % {"tag": tag}).strip().splitlines()[-1])
    deadline = time.time() + 150
    while time.time() < deadline:
        if f"Scheduled {tag}" in read(site.varnish_url + "/en/latest/")[1]:
            return time.time() - go_live
        time.sleep(0.5)
    return float("inf")


def main() -> int:
    args = parse_args()
    if reason := unavailable(args.postgres):
        print(f"Cannot run: {reason}")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="sahifa-cluster-"))
    print(f"Starting PostgreSQL database, Redis, S3, {args.servers} app servers, a job "
          f"worker and Varnish in {folder}…", flush=True)  # fmt: skip
    started = time.monotonic()
    failures = []
    with Cluster(folder, args.postgres, servers=args.servers) as site:
        print(f"  up in {time.monotonic() - started:.0f} s (migrate and demo content included)")
        story = json.loads(site.run_python(STORY).strip().splitlines()[-1])
        delays = edit_delays(site, story, args.edits)
        print(
            f"\nAn edit committed through one process → seen by each reader ({args.edits} edits):"
        )
        print(f"  {'reader':<28} {'median s':>9} {'worst s':>9}")
        for base, values in delays.items():
            name = "Varnish " + base if base == site.varnish_url else "app " + base
            worst = max(values)
            print(f"  {name:<28} {statistics.median(values):>9.2f} {worst:>9.2f}")
            if worst > PROMISE_SECONDS:
                failures.append(f"{name} saw an edit after {worst:.2f} s")
        expected, counted = count_views(site, story, args.readers)
        print(f"\nViews: {args.readers} readers, each beacon sent to two servers: "
              f"stored {counted}, expected {expected}")  # fmt: skip
        if counted != expected:
            failures.append(f"view count {counted} != {expected}")
        if not args.no_schedule:
            delay = scheduled_delay(site)
            print(f"\nA scheduled article went live {delay:.0f} s after its go-live time "
                  "(the one job worker's minute run), seen through Varnish")  # fmt: skip
            if delay > 75:
                failures.append(f"the scheduled article was late: {delay:.0f} s")
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
