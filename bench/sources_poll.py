"""A poll round of source feeds: S sources of N items each (RSS 2.0, real BBC/RIA text
when ../shared/data is there, generated Uzbek), served by a local HTTP server with
ETags, polled by the real poller into a scratch database: wall time, items/s, CPU and
peak memory of the round; then a round where every feed is unchanged (304), and the
CPU of polling one unchanged source.

    .venv/bin/python bench/sources_poll.py               # 100 sources x 50 items, SQLite
    .venv/bin/python bench/sources_poll.py --quick       # 20 x 50
    .venv/bin/python bench/sources_poll.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench_sources

A PostgreSQL database (from --database-url) is dropped and made afresh: never point it
at a database you keep."""

from __future__ import annotations

import argparse
import html
import logging
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import LANGUAGES, cycle, texts_by_language  # noqa: E402
from bench.import_rate import drop_postgres_database, fresh_postgres_database  # noqa: E402

TARGET_304_MS = 20.0


def rss(number: int, language: str, items: int, texts) -> bytes:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    entries = []
    for n in range(items):
        text = next(texts)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.paragraphs)
        entries.append(
            f"<item><title>{html.escape(text.headline[:250])}</title>"
            f"<link>https://source{number}.example/news/{n}</link>"
            f"<guid>source{number}-{n}</guid>"
            f"<pubDate>{format_datetime(now - timedelta(minutes=n))}</pubDate>"
            f"<description>{html.escape(text.lead)}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Source {number}</title><link>https://source{number}.example/</link>"
        f"<language>{language}</language>{''.join(entries)}</channel></rss>"
    ).encode()


def serve(feeds: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = feeds.get(self.path)
            etag = f'"{hash(body) & 0xFFFFFF:x}"'
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def setup(args: argparse.Namespace) -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="sahifa-bench-sources-"))
    os.environ.update(SAHIFA_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="sahifa.settings")
    os.environ.update(LOG_LEVEL="ERROR", DEBUG="0", SAHIFA_OUTBOUND_ALLOWED_HOSTS="127.0.0.1")
    os.environ.pop("REDIS_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        fresh_postgres_database(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    for name in ("django_tasks", "wagtail", "sahifa"):
        logging.getLogger(name).setLevel(logging.ERROR)


def make_sources(count: int, items: int, server_url: str, feeds: dict[str, bytes]) -> list:
    from wagtail.models import Locale

    from sahifa.articles.models import Category
    from sahifa.sources.models import Source

    pools = {lang: cycle(texts) for lang, texts in texts_by_language().items()}
    sources = []
    for number in range(count):
        language = LANGUAGES[number % len(LANGUAGES)]
        category, _ = Category.objects.get_or_create(
            locale=Locale.objects.get(language_code=language), slug="world",
            defaults={"name": "World"},
        )  # fmt: skip
        feeds[f"/feed/{number}.xml"] = rss(number, language, items, pools[language])
        sources.append(Source.objects.create(
            name=f"Source {number}", url=f"{server_url}/feed/{number}.xml",
            language=language, category=category, publish=number % 2 == 0,
        ))  # fmt: skip
    return sources


def timed_round(sources: list) -> tuple[float, float, list]:
    from sahifa.sources import polling

    wall, cpu = time.perf_counter(), time.process_time()
    results = polling.poll(sources)
    return time.perf_counter() - wall, time.process_time() - cpu, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--sources", type=int, default=100)
    parser.add_argument("-n", "--items", type=int, default=50)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.quick:
        args.sources = min(args.sources, 20)
    setup(args)
    feeds: dict[str, bytes] = {}
    server = serve(feeds)
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        sources = make_sources(args.sources, args.items, base, feeds)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall, cpu, results = timed_round(sources)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        taken = sum(r.outcome.taken for r in results)
        failed = [r for r in results if r.error]
        print(f"round of {len(sources)} sources x {args.items} items "
              f"({sum(len(f) for f in feeds.values()) / len(feeds) / 1024:.0f} KB a feed): "
              f"{wall:.1f} s wall, {cpu:.1f} s CPU, {taken} items taken "
              f"({taken / wall:.0f} items/s), {len(failed)} sources failed")  # fmt: skip
        print(f"peak memory {peak / 1024:.0f} MB (before the round {rss_before / 1024:.0f} MB)")

        for source in sources:
            source.refresh_from_db()
        wall, cpu, results = timed_round(sources)
        unchanged = sum(1 for r in results if r.unchanged)
        print(f"unchanged round: {unchanged}/{len(sources)} answered 304, {wall * 1000:.0f} ms "
              f"wall, {cpu * 1000 / len(sources):.1f} ms CPU a source")  # fmt: skip
        one = sources[0]
        samples = []
        for _ in range(20):
            one.refresh_from_db()
            _wall, cpu, _results = timed_round([one])
            samples.append(cpu * 1000)
        median = statistics.median(samples)
        verdict = "ok" if median < TARGET_304_MS else "over"
        print(f"one unchanged source polled alone: {median:.1f} ms CPU (median of 20; "
              f"target < {TARGET_304_MS:.0f} ms: {verdict})")  # fmt: skip
    finally:
        server.shutdown()
        if args.database_url:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(args.database_url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
