"""Import rate: N generated ninjs lines (real BBC/RIA text when ../shared/data is
there, made-up text of the same length otherwise) imported into a scratch database by
`import_ninjs` (runs of 500 lines, one transaction each); prints articles/s and CPU ms
per article for new articles and for re-importing them (updates). The figures include
what an import process loads on the way (the first run's imports, the job queue).

    .venv/bin/python bench/import_rate.py               # 5,000 articles, scratch SQLite
    .venv/bin/python bench/import_rate.py --quick       # 1,000 articles
    .venv/bin/python bench/import_rate.py -n 20000
    .venv/bin/python bench/import_rate.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench_import

A PostgreSQL database (from --database-url, or DATABASE_URL when its name starts with
`sahifa_bench`) is dropped and made afresh: never point it at a database you keep."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import LANGUAGES, cycle, texts_by_language  # noqa: E402

TARGET_PER_S = 500.0
CATEGORIES = ("world", "politics", "economy", "society", "sport", "technology")
LANGUAGE_TAGS = {"uz": "uz-Latn", "uz-cyrl": "uz-Cyrl", "ru": "ru", "en": "en-GB"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=5000, help="lines to import")
    parser.add_argument("--quick", action="store_true", help="1,000 lines")
    parser.add_argument("--updates", type=int, default=1000, help="lines to import again")
    parser.add_argument("--database-url", help="scratch PostgreSQL database (dropped first)")
    args = parser.parse_args()
    if args.quick:
        args.articles = min(args.articles, 1000)
        args.updates = min(args.updates, 500)
    env_url = os.environ.get("DATABASE_URL", "")
    if not args.database_url and env_url.rsplit("/", 1)[-1].startswith("sahifa_bench"):
        args.database_url = env_url
    return args


def fresh_postgres_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def ninjs_lines(count: int) -> list[str]:
    """``count`` ninjs objects over four languages and six subjects, with keywords,
    bylines, attribution and view counts, as a CMS export would have them."""
    pools = {lang: cycle(texts) for lang, texts in texts_by_language().items()}
    lines = []
    for n in range(count):
        language = LANGUAGES[n % len(LANGUAGES)]
        text = next(pools[language])
        subject = CATEGORIES[n % len(CATEGORIES)]
        day = 1 + n % 28
        item = {
            "uri": f"urn:bench:article:{n}",
            "headline": text.headline[:300],
            "description_text": text.lead,
            "body_html": "".join(f"<p>{p}</p>" for p in text.paragraphs),
            "language": LANGUAGE_TAGS[language],
            "firstcreated": f"2025-03-{day:02d}T{n % 24:02d}:15:00+05:00",
            "versioncreated": f"2025-03-{day:02d}T{n % 24:02d}:45:00+05:00",
            "subject": [{"name": subject.title(), "code": subject}],
            "keywords": text.headline.split()[:3],
            "byline": "Staff reporter",
            "priority": 5,
            "x_sahifa_source_name": "Example News",
            "x_sahifa_source_url": f"https://news.example/{n}",
            "x_sahifa_views": n * 7 % 1000,
        }
        lines.append(json.dumps(item, ensure_ascii=False))
    return lines


def timed_import(lines: list[str], source: str) -> tuple[float, object]:
    from sahifa.interchange.importer import import_ninjs

    started = time.perf_counter()
    report = import_ninjs(lines, source=source)
    return time.perf_counter() - started, report


def timed_indexing() -> tuple[float, int]:
    """The job that adds bulk-imported articles to the search and reference indexes."""
    from sahifa.articles.indexing import index_articles
    from sahifa.articles.models import Article

    ids = list(Article.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    for at in range(0, len(ids), 500):
        index_articles(ids[at : at + 500])
    return time.perf_counter() - started, len(ids)


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="sahifa-bench-import-"))
    os.environ.update(SAHIFA_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="sahifa.settings")
    os.environ.update(LOG_LEVEL="WARNING", DEBUG="0")
    os.environ.pop("REDIS_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        fresh_postgres_database(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        for name in ("django_tasks", "wagtail"):
            logging.getLogger(name).setLevel(logging.WARNING)
        lines = ninjs_lines(args.articles)
        size = sum(len(line) for line in lines) / len(lines)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{len(lines):,} ninjs lines ({size / 1024:.1f} KB each), {database}")
        cpu = time.process_time()
        elapsed, report = timed_import(lines, "new")
        cpu = time.process_time() - cpu
        rate = report.created / elapsed
        verdict = "meets" if rate >= TARGET_PER_S else "BELOW"
        print(
            f"create: {report.created:,} articles in {elapsed:.1f} s = {rate:,.0f} articles/s"
            f" ({verdict} the {TARGET_PER_S:.0f}/s target);"
            f" CPU {cpu / max(report.created, 1) * 1000:.2f} ms per article"
        )
        # On a shared machine the wall rate includes waiting for a core; the CPU figure
        # says what one free core would do (the database is in-process for SQLite).
        if not args.database_url and cpu:
            print(f"  one free core: {report.created / cpu:,.0f} articles/s")
        elapsed, indexed = timed_indexing()
        print(
            f"search + reference indexing job: {indexed:,} articles in {elapsed:.1f} s"
            f" = {indexed / elapsed:,.0f} articles/s (runs in the job queue after import)"
        )
        if args.updates:
            cpu = time.process_time()
            elapsed, again = timed_import(lines[: args.updates], "again")
            cpu = time.process_time() - cpu
            rate = again.updated / elapsed
            print(
                f"update: {again.updated:,} articles in {elapsed:.1f} s = {rate:,.0f} articles/s;"
                f" CPU {cpu / max(again.updated, 1) * 1000:.2f} ms per article"
            )
            report.errors += again.errors
        for error in report.errors[:5]:
            print(f"error: {error}")
        return 0 if report.ok else 1
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
        if args.database_url:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(args.database_url)


if __name__ == "__main__":
    sys.exit(main())
