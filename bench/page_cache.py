"""Pages through `sahifa serve` with the page cache off (every request rendered) and on
(kept pages), side by side in one run: requests/s, p50 and p99 per page kind.

    .venv/bin/python bench/page_cache.py --var-dir /tmp/sahifa-bench-100k   # 100,000 articles
    .venv/bin/python bench/page_cache.py --quick                            # 10,000, scratch dir
    .venv/bin/python bench/page_cache.py --var-dir DIR --connections 32 --seconds 15

Same data and paths as bench/pages.py (2,000 different articles; home, category, deep
category page and latest in four languages). Each mode gets its own server; with the
cache on, each page kind's paths are requested once just before its load, so that they
are kept and younger than SAHIFA_PAGE_CACHE_SECONDS (a spike after the first readers).
wrk sends no Accept-Encoding: bodies go out uncompressed in both modes. Latency
includes the wait for a core: read it beside the load average."""

from __future__ import annotations

import argparse
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen, pages  # noqa: E402
from bench.serving import free_port, start_site, stop_server  # noqa: E402

MODES = {"uncached": "0", "cached": "1"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    pages.add_site_arguments(parser, quick="10,000 articles, 5 s per page")
    parser.add_argument("--seconds", type=float, default=10.0, help="per page kind and mode")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, help="server workers (default: sahifa serve's)")
    parser.add_argument("--pages", help="only these page kinds, comma-separated (home,article)")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.seconds = min(args.articles, 10_000), min(args.seconds, 5.0)
    return args


def fetch_all(base: str, paths: list[str]) -> None:
    def one(path: str) -> None:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, paths))


def run_mode(mode: str, var_dir: Path, paths: dict[str, list[str]], args) -> dict:
    os.environ["SAHIFA_PAGE_CACHE"] = MODES[mode]
    # Kept for the whole run: on a busy machine keeping 2,000 articles can take longer
    # than the default 60 s, and this measures serving kept pages.
    os.environ["SAHIFA_PAGE_CACHE_SECONDS"] = "3600"
    port = free_port()
    server = start_site(var_dir, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        pages.warm_up(base, paths)
        results = {}
        for name, urls in paths.items():
            if mode == "cached":  # kept just before: younger than SAHIFA_PAGE_CACHE_SECONDS
                fetch_all(base, urls)
            results[name] = loadgen.run(base, urls, args.seconds, args.connections)
            print(f"  {mode}: {name} done", flush=True)
        return results
    finally:
        stop_server(server)


def print_table(results: dict[str, dict], args: argparse.Namespace) -> None:
    print(
        f"\n{args.articles:,} articles, {args.connections} connections, {args.seconds:g} s "
        f"per page, load average {os.getloadavg()[0]:.1f}"
    )
    head = f"{'page':<14}"
    for mode in MODES:
        head += f" | {mode + ' req/s':>15} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    print(head + " | cached/uncached")
    for name in results["uncached"]:
        line = f"{name:<14}"
        for mode in MODES:
            r = results[mode][name]
            line += f" | {r.rps:>15,.0f} {r.p50_ms:>7.1f} {r.p99_ms:>7.1f} {r.errors:>6}"
        ratio = results["cached"][name].rps / max(results["uncached"][name].rps, 0.001)
        print(line + f" | {ratio:>6.1f}x")


def main() -> None:
    args = parse_args()
    with pages.loaded_site(args) as (var_dir, paths):
        if args.pages:
            paths = {name: paths[name] for name in args.pages.split(",")}
        results = {mode: run_mode(mode, var_dir, paths, args) for mode in MODES}
        print_table(results, args)


if __name__ == "__main__":
    main()
