"""Sitemap build time and memory on a generated dataset: a full article file (50,000
addresses), the Google News file, the index and the list pages' file, in-process
through Django's test client (DEBUG off), each built with an empty cache.

    .venv/bin/python bench/sitemaps.py                        # 100,000 English articles
    .venv/bin/python bench/sitemaps.py --languages en,ru --link-translations
    .venv/bin/python bench/sitemaps.py --articles 20000 --var-dir /tmp/sahifa-bench-sitemaps

One language by default, so that its first file holds the full 50,000 addresses. Build
time is CPU and wall-clock seconds (median of ``--runs``), judged on CPU time, the steady
figure on a shared machine (wall time adds the wait for a core); memory is the peak of
Python's allocations (tracemalloc) while the file is written, once for its first 10,000
addresses and once for all of them: a streamed file's peak stays flat as it grows."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402

TARGET_FILE_SECONDS = 2.0
TARGET_NEWS_MS = 50.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to load")
    parser.add_argument("--languages", default="en", help="comma-separated, loaded in turn")
    parser.add_argument(
        "--link-translations",
        action="store_true",
        help="make the n-th article of each language translations of each other",
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of the article file")
    parser.add_argument("--news-runs", type=int, default=30, help="builds of the news file")
    parser.add_argument("--var-dir", help="reuse (or fill and keep) this var dir")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in var dir)")
    args = parser.parse_args()
    args.database_url = args.database_url or None
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    return args


def set_up(args: argparse.Namespace) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    print("Migrating…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    from bench.dataset import load_articles

    print(f"Loading {args.articles:,} articles ({', '.join(args.languages)})…", flush=True)
    added, seconds = load_articles(
        args.articles, progress=lambda line: None, languages=args.languages
    )
    if added:
        print(f"  bulk-loaded {added:,} articles in {seconds:.1f} s")
    if args.link_translations:
        link_translations(args.languages)


def link_translations(languages: list[str]) -> None:
    """The n-th article of each language becomes a translation of the n-th of the others
    (one translation key), as a fully translated newsroom's would be."""
    from django.db import transaction

    from sahifa.articles.models import Article

    columns = [
        Article.objects.filter(locale__language_code=code)
        .order_by("pk")
        .values_list("pk", flat=True)
        for code in languages
    ]
    linked = []
    for group in zip(*columns, strict=False):
        key = uuid.uuid4()
        linked += [Article(pk=pk, translation_key=key) for pk in group]
    with transaction.atomic():
        Article.objects.bulk_update(linked, ["translation_key"], batch_size=2000)
    print(f"  linked {len(linked):,} articles as translations")


def stream(path: str) -> Iterator[bytes]:
    from django.test import Client

    response = Client().get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    yield from response.streaming_content if response.streaming else [response.content]


def build(path: str, limit: int | None = None) -> tuple[int, int]:
    """Write the file at ``path`` with an empty cache; (addresses, bytes), stopping after
    ``limit`` addresses."""
    from django.core.cache import cache

    cache.clear()
    urls = size = 0
    for part in stream(path):
        urls += part.count(b"<loc>")
        size += len(part)
        if limit is not None and urls >= limit:
            break
    return urls, size


def timed(path: str, runs: int) -> tuple[float, float, int, int]:
    """Median wall and CPU seconds of ``runs`` builds; addresses and bytes."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        urls, size = build(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), urls, size


def peak_memory(path: str, limit: int | None = None) -> tuple[int, float]:
    """(addresses written, peak MB of Python allocations while writing them)."""
    tracemalloc.start()
    try:
        urls, _size = build(path, limit)
        return urls, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def report(args: argparse.Namespace) -> None:
    from sahifa.sitemap.rows import urls_per_file

    language = args.languages[0]
    articles = f"/sitemap-articles-{language}-1.xml"
    wall, cpu, urls, size = timed(articles, args.runs)
    languages, load = ", ".join(args.languages), os.getloadavg()[0]
    print(f"\n{args.articles:,} articles in {languages}; file limit {urls_per_file():,}")
    print(f"Load average before the builds: {load:.1f} on {os.cpu_count()} cores")
    print(f"{'file':<34} {'URLs':>7} {'MB':>6} {'wall s':>7} {'CPU s':>6}")
    print(f"{articles:<34} {urls:>7,} {size / 1e6:>6.1f} {wall:>7.2f} {cpu:>6.2f}")
    for path in ("/sitemap.xml", "/sitemap-pages.xml"):
        p_wall, p_cpu, p_urls, p_size = timed(path, args.runs)
        print(f"{path:<34} {p_urls:>7,} {p_size / 1e6:>6.2f} {p_wall:>7.3f} {p_cpu:>6.3f}")
    news = f"/sitemap-news-{language}-1.xml"
    n_wall, n_cpu, n_urls, _n_size = timed(news, args.news_runs)
    print(f"{news:<34} {n_urls:>7,} {'':>6} {n_wall * 1000:>5.1f}ms {n_cpu * 1000:>4.1f}ms")

    few, few_peak = peak_memory(articles, limit=10_000)
    full, full_peak = peak_memory(articles)
    print(f"\nPeak Python memory writing {few:,} addresses: {few_peak:.1f} MB;", end=" ")
    print(f"{full:,} addresses: {full_peak:.1f} MB")
    # CPU time is the steady figure on a shared machine (wall time adds the wait for a
    # core); on an idle one the two are the same.
    print(
        f"Article file of {urls:,} built with {cpu:.2f} s of CPU ({wall:.2f} s wall): "
        f"{'under' if cpu < TARGET_FILE_SECONDS else 'OVER'} {TARGET_FILE_SECONDS:.0f} s"
    )
    print(
        f"News file built with {n_cpu * 1000:.1f} ms of CPU ({n_wall * 1000:.1f} ms wall): "
        f"{'under' if n_cpu * 1000 < TARGET_NEWS_MS else 'OVER'} {TARGET_NEWS_MS:.0f} ms"
    )


def main() -> None:
    args = parse_args()
    var_dir = pages.prepare_environment(args)
    try:
        set_up(args)
        report(args)
    finally:
        if not args.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
