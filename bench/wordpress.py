"""Sahifa against WordPress, side by side in one run, both driven by wrk.

WordPress: Debian's `wordpress` package as a user installs it (nginx, php-fpm with
Debian's default pool and opcache, MariaDB, no page cache), 2,000 posts
(`wordpress_site.py` sets it up; needs root). Sahifa: N articles (`dataset.py`, as
`pages.py`) served by `sahifa serve` with its page cache, by the shipped Varnish in
front of that, and by `sahifa serve` with the page cache off (every request rendered).

    .venv/bin/python bench/wordpress.py --var-dir /tmp/sahifa-bench-100k   # 100,000 articles
    .venv/bin/python bench/wordpress.py --quick          # 10,000 articles, 5 s, 1 run
    .venv/bin/python bench/wordpress.py --install        # apt-get the WordPress side first
    .venv/bin/python bench/wordpress.py --no-wordpress   # Sahifa's three set-ups alone

Each run measures every page once, in turn (WordPress post and home, then Sahifa's
article, home and category pages in each set-up), `--connections` at once for
`--seconds`; the table has the median of `--runs` runs and each set-up's ratio to
WordPress's single post.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import loadgen, pages, wordpress_site  # noqa: E402
from bench.serving import free_port, start_site, stop_server  # noqa: E402
from sahifa.core.testing import varnish  # noqa: E402

SAHIFA = Path(sys.executable).with_name("sahifa")
KINDS = ("article", "home", "category")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=2000, help="WordPress posts")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--settle", type=float, default=5.0, help="seconds between targets (queues drain)"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, help="sahifa serve workers (default: its own)")
    parser.add_argument("--var-dir", help="reuse this var dir (loaded once, kept)")
    parser.add_argument("--wordpress-dir", default=str(Path(tempfile.gettempdir()) / "sahifa-wp"))
    parser.add_argument("--quick", action="store_true", help="10,000 articles, 5 s, 1 run")
    parser.add_argument("--install", action="store_true", help="apt-get the WordPress side")
    parser.add_argument("--no-wordpress", action="store_true")
    parser.add_argument("--no-varnish", action="store_true")
    parser.add_argument(
        "--page-seconds", type=int, default=3600,
        help="how long the cached set-ups keep a page (SAHIFA_PAGE_CACHE_SECONDS)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.quick:
        args.articles, args.seconds, args.runs = min(args.articles, 10_000), 5.0, 1
    args.database_url = None
    args.keep = True
    return args


def start_wordpress(args: argparse.Namespace) -> tuple[wordpress_site.WordPress, list[str]]:
    if args.install and wordpress_site.missing():
        wordpress_site.install_packages()
    if lacking := wordpress_site.missing():
        sys.exit(f"Missing for WordPress: {', '.join(lacking)} (apt-get install "
                 f"{wordpress_site.PACKAGES}, or --install, or --no-wordpress)")  # fmt: skip
    site = wordpress_site.WordPress(Path(args.wordpress_dir), free_port())
    print(f"WordPress: {args.posts:,} posts, nginx + php-fpm on {site.base}…", flush=True)
    paths = site.start(args.posts)
    return site, paths


def start_sahifa(var_dir: Path, port: int, workers: int | None, **env: str) -> subprocess.Popen:
    return start_site(
        var_dir, port, workers, extra=["--no-collectstatic"], log_name=f"server-{port}.log",
        env={**os.environ, "SAHIFA_ACCESS_LOG": "0", **env},
    )  # fmt: skip


def warm(base: str, paths: list[str]) -> None:
    """Every page once (renders, picture sizes, the caches filled)."""
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as answer:
            answer.read()


def main() -> None:
    args = parse_args()
    targets: dict[str, tuple[str, list[str]]] = {}
    processes: list[subprocess.Popen] = []
    wordpress = None
    try:
        if not args.no_wordpress:
            wordpress, posts = start_wordpress(args)
            targets["WordPress single post"] = (wordpress.base, posts)
            targets["WordPress home"] = (wordpress.base, ["/"])
        var_dir = pages.prepare_environment(args)
        pages.set_up_database(args.articles)
        kinds = pages.page_paths()
        subprocess.run([str(SAHIFA), "collectstatic", "--noinput", "-v", "0"], check=True)
        cached_port, uncached_port = free_port(), free_port()
        # A page read more than once a minute never waits for a render; 2,000 articles
        # read in turn would each expire between one run and the next: keep them for
        # the whole bench (`--page-seconds`), the steady state of a read page.
        kept = str(args.page_seconds)
        cached = {"SAHIFA_PAGE_CACHE": "1", "SAHIFA_PAGE_CACHE_SECONDS": kept}
        processes.append(start_sahifa(var_dir, cached_port, args.workers, **cached))
        processes.append(start_sahifa(var_dir, uncached_port, args.workers, SAHIFA_PAGE_CACHE="0"))
        setups = {
            "serve, cached": f"http://127.0.0.1:{cached_port}",
            "uncached": f"http://127.0.0.1:{uncached_port}",
        }
        with varnish_in_front(args, var_dir, cached_port) as varnish_url:
            if varnish_url:
                setups["Varnish"] = varnish_url
            print("Warming up (every page once in the cached set-ups)…", flush=True)
            for setup, base in setups.items():
                for kind in KINDS:
                    # Picture sizes are made once for all; the uncached server only
                    # needs its code loaded.
                    warm(base, kinds[kind] if setup != "uncached" else kinds[kind][:40])
                    targets[f"Sahifa {kind} ({setup})"] = (base, kinds[kind])
            results = measure(targets, args)
    finally:
        for process in processes:
            stop_server(process)
        if wordpress is not None:
            wordpress.stop()
    print_table(results, args)


def varnish_in_front(args: argparse.Namespace, var_dir: Path, port: int):
    from contextlib import nullcontext

    if args.no_varnish or varnish.unavailable():
        if not args.no_varnish:
            print(f"No Varnish figures: {varnish.unavailable()}")
        return nullcontext("")
    return varnish.running_varnish(free_port(), var_dir / "varnish", [("127.0.0.1", port)])


def measure(targets: dict, args: argparse.Namespace) -> dict[str, list[loadgen.Result]]:
    results: dict[str, list[loadgen.Result]] = {name: [] for name in targets}
    for run in range(1, args.runs + 1):
        for name, (base, paths) in targets.items():
            results[name].append(loadgen.run(base, paths, args.seconds, args.connections))
            # A server keeps working through the requests queued when wrk stopped
            # (WordPress's home: about a second each): they must not land in the next
            # target's figures.
            time.sleep(args.settle)
        print(f"  run {run} of {args.runs} done", flush=True)
    return results


def print_table(results: dict[str, list[loadgen.Result]], args: argparse.Namespace) -> None:
    print(f"\n{args.connections} connections, {args.seconds:.0f} s per page, median of "
          f"{args.runs} run(s); Sahifa at {args.articles:,} articles, WordPress at "
          f"{args.posts:,} posts; pages kept {args.page_seconds} s; "
          f"load average now {os.getloadavg()[0]:.1f}")  # fmt: skip
    anchor = results.get("WordPress single post")
    anchor_rps = statistics.median(r.rps for r in anchor) if anchor else 0.0
    print(f"{'page':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× WP post':>10}")
    for name, runs in results.items():
        rps = statistics.median(r.rps for r in runs)
        p50 = statistics.median(r.p50_ms for r in runs)
        p99 = statistics.median(r.p99_ms for r in runs)
        errors = sum(r.errors for r in runs)
        ratio = f"{rps / anchor_rps:.1f}×" if anchor_rps else "-"
        print(f"{name:<34} {rps:>9.1f} {p50:>8.1f} {p99:>8.1f} {errors:>7} {ratio:>10}")


if __name__ == "__main__":
    main()
