"""What operating a site costs: the metrics' price per request, a /metrics scrape, and
`sahifa backup` / `sahifa restore` of a big site while views keep being counted.

    .venv/bin/python bench/operations.py --quick          # 10,000 articles, scratch dir
    .venv/bin/python bench/operations.py                  # 100,000 articles
    .venv/bin/python bench/operations.py --var-dir DIR    # reuse (or fill and keep) DIR
    .venv/bin/python bench/operations.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench

The backup runs while a separate process records beacons and flushes them every 50 (as
web workers do); the restore goes into a new var dir (and, on PostgreSQL, a new
database), and the restored site's article count and view total are checked against
the site's after a final flush."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402

SAHIFA = str(Path(sys.executable).with_name("sahifa"))
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
WRITER = f"""
import django, os, sys; django.setup()
from sahifa.articles import selectors
from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import flush
ids = list(selectors.published().values_list("pk", flat=True)[:500])
buffer, n = get_buffer(), 0
while not os.path.exists(sys.argv[1]):
    buffer.record(ids[n % len(ids)], f"bench-{{n}}", {AGENT!r})
    n += 1
    if n % 50 == 0:
        flush(buffer)
print(n)
"""
# Articles, and views: stored plus waiting in the buffer.
TOTALS = """
import django, json; django.setup()
from django.db.models import Sum
from sahifa.articles.models import Article
from sahifa.popularity.buffers import get_buffer
stored = Article.objects.aggregate(s=Sum("view_count"))["s"]
print(json.dumps([Article.objects.count(), stored + get_buffer().pending_total()]))
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to load")
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--var-dir", help="reuse (or fill and keep) this var dir")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in var dir)")
    args = parser.parse_args()
    if args.quick:
        args.articles = min(args.articles, 10_000)
    return args


def metric_costs() -> None:
    from sahifa.core import metrics

    n = 50_000
    calls = {
        "count a request (counter + latency histogram)": lambda: metrics.count_request(
            "sahifa_serve", "GET", 200, 0.01
        ),
        "count a beacon": lambda: metrics.count_beacon("counted"),
        "count a cached block read": lambda: metrics.count_cache_read("feed:rss:en", True),
    }
    for name, call in calls.items():
        call()
        print(f"  {name}: {timeit.timeit(call, number=n) / n * 1e6:.1f} µs")
    started = time.perf_counter()
    for _ in range(20):
        size = len(metrics.exposition())
    print(f"  /metrics body: {(time.perf_counter() - started) / 20 * 1000:.1f} ms, {size:,} bytes")


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started, done.stdout


def backup_and_restore(var_dir: Path, database_url: str | None) -> None:
    env = dict(os.environ)
    scratch = Path(tempfile.mkdtemp(prefix="sahifa-bench-backup-"))
    stop = scratch / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(stop)], env=env,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        time.sleep(3)
        before = json.loads(run([sys.executable, "-c", TOTALS], env)[1])
        seconds, said = run([SAHIFA, "backup", str(scratch / "backup")], env)
    finally:
        stop.touch()
        beacons = writer.communicate(timeout=120)[0].strip()
    manifest = json.loads((scratch / "backup" / "manifest.json").read_text())
    parts = manifest["parts"]
    print(f"  backup: {seconds:.1f} s in all (command start included) while a writer")
    print(f"    recorded {beacons} beacons and flushed every 50; the command says:")
    print("    " + said.strip().splitlines()[0])
    print(f"    database {parts['database']['bytes'] / 1e6:.1f} MB, "
          f"{parts['media']['files']} files {parts['media']['bytes'] / 1e6:.1f} MB, "
          f"{parts['views']['views']} buffered views")  # fmt: skip
    run([SAHIFA, "views", "flush"], env)
    site = json.loads(run([sys.executable, "-c", TOTALS], env)[1])

    fresh = {**env, "SAHIFA_VAR_DIR": str(scratch / "fresh")}
    if database_url:
        fresh["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/sahifa_bench_restored"
        pages.create_postgres_database(fresh["DATABASE_URL"])
    try:
        seconds, _said = run([SAHIFA, "restore", str(scratch / "backup"), "--force"], fresh)
        restored = json.loads(run([sys.executable, "-c", TOTALS], fresh)[1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"  restore: {seconds:.1f} s (with the migrate check)")
    print(f"  articles {restored[0]:,} of {site[0]:,}; views: {before[1]:,} counted before the "
          f"backup started <= {restored[1]:,} restored <= {site[1]:,} when the writer "
          f"stopped: {'OK' if before[1] <= restored[1] <= site[1] else 'WRONG'}")  # fmt: skip


def main() -> None:
    args = parse_args()
    var_dir = pages.prepare_environment(args)
    try:
        pages.set_up_database(args.articles)
        print("Metrics, in-process:")
        metric_costs()
        print("Backup and restore:")
        backup_and_restore(var_dir, args.database_url)
    finally:
        if not args.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
