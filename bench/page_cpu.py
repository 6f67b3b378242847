"""CPU per request of the public pages, in-process (Django's test client, DEBUG off, no
page cache): median and p90 ms and SQL queries per page kind. On a shared machine CPU
time is the steady figure; wall-clock latency under load is bench/pages.py's.

    .venv/bin/python bench/page_cpu.py --var-dir /tmp/sahifa-bench-100k   # loads 100,000 once
    .venv/bin/python bench/page_cpu.py --quick                            # 10,000, scratch dir
    .venv/bin/python bench/page_cpu.py --var-dir DIR --cold               # shared blocks uncached

Requests cycle through each page kind's paths (2,000 different articles), after one
warming pass. Shared blocks (categories, ticker, rails) are read from the cache as the
server does; ``--cold`` clears the cache before every request to show their full cost."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    pages.add_site_arguments(parser, quick="10,000 articles")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--cold", action="store_true", help="clear the cache before each request")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile this page kind (top 30)")
    args = parser.parse_args()
    if args.quick:
        args.articles = min(args.articles, 10_000)
    return args


def cpu_ms(paths: list[str], count: int, cold: bool) -> list[float]:
    from django.core.cache import cache
    from django.test import Client

    client, times = Client(), []
    for path in paths[: min(len(paths), count)]:  # warm: code, templates, renditions
        client.get(path)
    for n in range(count):
        if cold:
            cache.clear()
        started = time.process_time()
        response = client.get(paths[n % len(paths)])
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, f"{paths[n % len(paths)]}: {response.status_code}"
    return times


def profile(paths: list[str], count: int) -> None:
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    for path in paths[:20]:
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(count):
        client.get(paths[n % len(paths)])
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    args = parse_args()
    with pages.loaded_site(args) as (_var_dir, paths):
        if args.profile:
            profile(paths[args.profile], args.requests)
            return
        counts = pages.query_counts(paths)
        mode = "cache cleared before each request" if args.cold else "shared blocks cached"
        print(f"\n{args.articles:,} articles, {args.requests} requests per page, {mode}")
        print(f"{'page':<14} {'CPU ms p50':>10} {'p90':>7} {'queries':>8}")
        for name, urls in paths.items():
            times = sorted(cpu_ms(urls, args.requests, args.cold))
            p90 = times[int(len(times) * 0.9) - 1]
            print(f"{name:<14} {statistics.median(times):>10.1f} {p90:>7.1f} {counts[name]:>8}")


if __name__ == "__main__":
    main()
