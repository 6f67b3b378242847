"""Benchmark the public pages: load N articles into a scratch database, serve the site
with the production server (`sahifa serve`: granian, DEBUG off, no page cache), and
print requests/s, p50 and p99 latency and SQL queries per request for the home,
category (first and a deep page), latest and article pages.

    .venv/bin/python bench/pages.py                 # 100,000 articles, SQLite
    .venv/bin/python bench/pages.py --quick         # 10,000 articles, short runs
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench

See bench/README.md for every option."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.serving import free_port, start_site, stop_server  # noqa: E402

ARTICLE_TARGET_P50_MS = 15.0
IMPORT_TARGET_PER_S = 500.0
LANGS = ("uz", "uz-cyrl", "ru", "en")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to load")
    parser.add_argument("--quick", action="store_true", help="10,000 articles, 3 s per page")
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per page")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections")
    parser.add_argument("--runs", type=int, default=2, help="measure each page this often")
    parser.add_argument("--workers", type=int, help="server workers (default: serve's)")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in var dir)")
    parser.add_argument("--var-dir", help="reuse this var dir (kept afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch var dir")
    parser.add_argument("--no-import-rate", action="store_true", help="skip import_rate.py")
    parser.add_argument("--import-articles", type=int, default=2000, help="for import_rate.py")
    parser.add_argument("--profile", action="store_true", help="profile article pages too")
    args = parser.parse_args()
    if args.quick:
        args.articles = min(args.articles, 10_000)
        args.seconds = min(args.seconds, 3.0)
        args.import_articles = min(args.import_articles, 500)
    return args


def add_site_arguments(parser: argparse.ArgumentParser, quick: str) -> None:
    """The data the page benchmarks serve: how many articles, where they are kept."""
    parser.add_argument("--articles", type=int, default=100_000, help="articles to load")
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--var-dir", help="reuse (or fill and keep) this var dir")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in var dir)")


@contextmanager
def loaded_site(args: argparse.Namespace) -> Iterator[tuple[Path, dict[str, list[str]]]]:
    """The var dir with ``args.articles`` loaded, and the paths of each page kind; a
    scratch var dir (no ``--var-dir``) is removed afterwards."""
    var_dir = prepare_environment(args)
    try:
        set_up_database(args.articles)
        yield var_dir, page_paths()
    finally:
        if not args.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)


def prepare_environment(args: argparse.Namespace) -> Path:
    """Point settings at a scratch var dir (and database) before Django starts."""
    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="sahifa-bench-"))
    (var_dir / "static").mkdir(parents=True, exist_ok=True)  # filled by `sahifa serve`
    os.environ.update(SAHIFA_VAR_DIR=str(var_dir), DEBUG="0", LOG_LEVEL="WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahifa.settings"
    os.environ.pop("REDIS_URL", None)  # the default, embedded set-up
    # Every request rendered (what these figures are about), unless the caller says.
    os.environ.setdefault("SAHIFA_PAGE_CACHE", "0")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        create_postgres_database(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    return var_dir


def create_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def set_up_database(articles: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    print("Migrating…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    from bench.dataset import fill_similar_lists, load_articles, pin_top_story

    print(f"Loading {articles:,} articles…", flush=True)
    added, seconds = load_articles(articles, progress=lambda line: None)
    if added:
        print(f"  bulk-loaded {added:,} articles in {seconds:.1f} s ({added / seconds:,.0f}/s)")
    pin_top_story()
    started = time.perf_counter()
    if listed := fill_similar_lists():
        print(f"  stored {listed:,} similar-list rows in {time.perf_counter() - started:.1f} s")


def page_paths(sample: int = 2000, seed: int = 3) -> dict[str, list[str]]:
    """Paths for each page kind, across the four languages."""
    from django.conf import settings

    from bench.dataset import BIG_CATEGORY
    from sahifa.articles import selectors

    deep = []
    for lang in LANGS:
        count = selectors.published_in(lang).filter(category__slug=BIG_CATEGORY).count()
        last = max(1, -(-count // settings.SAHIFA_PAGE_SIZE))
        tail = f"page/{min(300, last)}/" if last > 1 else ""
        deep.append(f"/{lang}/{BIG_CATEGORY}/{tail}")
    return {
        "home": [f"/{lang}/" for lang in LANGS],
        "category": [f"/{lang}/{BIG_CATEGORY}/" for lang in LANGS],
        "category deep": deep,
        "latest": [f"/{lang}/latest/" for lang in LANGS],
        "article": article_paths(sample, seed),
    }


def article_paths(sample: int, seed: int) -> list[str]:
    from sahifa.articles.models import Article

    ids = list(Article.objects.filter(live=True).values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    articles = Article.objects.filter(pk__in=chosen).select_related("locale", "category")
    return [a.get_url() for a in articles]


def query_counts(paths: dict[str, list[str]]) -> dict[str, int]:
    """SQL queries one request makes (after a first, warming request), via the test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), {}
    for name, urls in paths.items():
        most = 0
        for path in urls[:4]:
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            most = max(most, len(captured))
        counts[name] = most
    return counts


def cpu_per_request(paths: dict[str, list[str]], count: int = 30) -> dict[str, float]:
    """CPU ms one request costs in-process (median): on a shared machine a steadier
    figure than latency, which also counts the time spent waiting for a core."""
    from django.test import Client

    client, figures = Client(), {}
    for name, urls in paths.items():
        times = []
        for n in range(count):
            started = time.process_time()
            client.get(urls[n % len(urls)])
            times.append((time.process_time() - started) * 1000)
        figures[name] = statistics.median(times)
    return figures


def warm_up(base: str, paths: dict[str, list[str]]) -> None:
    """First requests load code and make picture renditions; keep them out of the figures."""
    for urls in paths.values():
        for path in urls[:40]:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
    loadgen.run(base, paths["article"], 2, 2)


def measure(base: str, paths: dict[str, list[str]], args: argparse.Namespace) -> dict:
    """Each page, each run: one reader at a time (the latency a reader sees on an
    otherwise idle server), then ``--connections`` at once (what the server sustains)."""
    results: dict[str, list[tuple[loadgen.Result, loadgen.Result]]] = {n: [] for n in paths}
    for run in range(args.runs):
        for name, urls in paths.items():
            alone = loadgen.run(base, urls, args.seconds, 1)
            loaded = loadgen.run(base, urls, args.seconds, args.connections)
            results[name].append((alone, loaded))
            print(f"  run {run + 1}: {name} done", flush=True)
    return results


def import_rate(args: argparse.Namespace) -> str | None:
    """The import benchmark's own report, when bench/import_rate.py exists."""
    script = ROOT / "bench" / "import_rate.py"
    if args.no_import_rate or not script.exists():
        return None
    command = [sys.executable, str(script), "-n", str(args.import_articles)]
    command += ["--updates", str(min(500, args.import_articles))]
    if args.database_url:  # its own database: import_rate.py drops and remakes it
        command += ["--database-url", args.database_url.rsplit("/", 1)[0] + "/sahifa_bench_import"]
    env = {k: v for k, v in os.environ.items() if k not in {"SAHIFA_VAR_DIR", "DATABASE_URL"}}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    return (done.stdout + done.stderr).strip()


def fmt_runs(values: list[float], spec: str) -> str:
    return " / ".join(format(v, spec) for v in values)


def print_table(results: dict, counts: dict[str, int], cpu: dict, paths: dict, args) -> None:
    tool = "wrk" if loadgen.have_wrk() else "python client"
    database = "PostgreSQL" if args.database_url else "SQLite"
    print()
    print(
        f"{args.articles:,} articles, {database}, {tool}, {args.seconds:g} s per page and load, "
        f"runs: {args.runs} (figures per run, separated by /)"
    )
    loaded = f"{args.connections} connections"
    print(f"{'':<14} {'':<20} {'1 connection':^31} {loaded:^49}")
    header = f"{'page':<14} {'example path':<20} {'p50 ms':>15} {'p99 ms':>15} "
    header += f"{'requests/s':>17} {'p50 ms':>15} {'p99 ms':>15}"
    print(header + f" {'errors':>6} {'queries':>7} {'CPU ms':>6}")
    for name, runs in results.items():
        example = paths[name][0] if len(paths[name]) < 10 else f"{len(paths[name])} articles"
        alone, loaded_runs = [a for a, _ in runs], [b for _, b in runs]
        errors = sum(r.errors for pair in runs for r in pair)
        print(
            f"{name:<14} {example:<20} {fmt_runs([r.p50_ms for r in alone], '.1f'):>15} "
            f"{fmt_runs([r.p99_ms for r in alone], '.1f'):>15} "
            f"{fmt_runs([r.rps for r in loaded_runs], '.0f'):>17} "
            f"{fmt_runs([r.p50_ms for r in loaded_runs], '.1f'):>15} "
            f"{fmt_runs([r.p99_ms for r in loaded_runs], '.1f'):>15} "
            f"{errors:>6} {counts[name]:>7} {cpu[name]:>6.1f}"
        )
    article_p50 = statistics.median(alone.p50_ms for alone, _ in results["article"])
    verdict = "met" if article_p50 < ARTICLE_TARGET_P50_MS else "MISSED"
    print(
        f"\nArticle page p50, one reader at a time (median of runs) {article_p50:.1f} ms: "
        f"target < {ARTICLE_TARGET_P50_MS:g} ms {verdict}."
    )
    if args.connections > 1:
        print(
            f"Under {args.connections} connections p50 also holds the wait behind the other "
            "connection's request when both keep-alive connections landed on one worker."
        )


def profile_articles(paths: list[str], count: int = 200) -> None:
    """Where an article request spends its time, in-process (cProfile, top 25)."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    for path in paths[:20]:
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths[20 : 20 + count]:
        client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    args = parse_args()
    var_dir = prepare_environment(args)
    server = None
    try:
        set_up_database(args.articles)
        paths = page_paths()
        counts = query_counts(paths)
        cpu = cpu_per_request(paths)
        if args.profile:
            profile_articles(paths["article"])
        port = free_port()
        print(f"Serving on port {port} (log: {var_dir / 'server.log'})…", flush=True)
        server = start_site(var_dir, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        warm_up(base, paths)
        results = measure(base, paths, args)
        stop_server(server)
        server = None
        print_table(results, counts, cpu, paths, args)
        report = import_rate(args)
        if report:
            print("\nImport rate (bench/import_rate.py):\n" + report)
    finally:
        if server is not None:
            stop_server(server)
        if not (args.keep or args.var_dir):
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            print(f"\nKept {var_dir} (rerun with --var-dir {var_dir} to skip loading).")


if __name__ == "__main__":
    main()
