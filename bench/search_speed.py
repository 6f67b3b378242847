"""Search speed at scale: load N articles (four languages; real BBC/RIA texts where the
shared data folder has them, generated Uzbek) into a scratch database, then print

  * the full rebuild time (`sahifa search --rebuild`'s work) and its time per article,
  * median / p99 time to index one article (the job a change event queues),
  * median / p99 time of a search in-process (what the results page asks the engine and
    the database), for queries made from headlines: as they are and with one typo; by
    relevance and newest first,
  * median / p99 time of a suggestions lookup,
  * the size of the index on disk, and the process' peak memory (RSS),
  * the same searches through `sahifa serve` (bench/search_serving.py): p50 / p99 and
    requests/s, one reader at a time and several at once, and the web processes' memory.

    .venv/bin/python bench/search_speed.py                         # 100,000 articles, SQLite
    .venv/bin/python bench/search_speed.py --articles 20000
    .venv/bin/python bench/search_speed.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench_search

With --database-url the PostgreSQL database is created when missing; --scratch is then
the server's var folder (static files, its log).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from similar import setup  # noqa: E402 (a scratch site, as the similar-news bench makes it)

QUERY_P50_MS, QUERY_P99_MS, INDEX_MS, REBUILD_S = 15, 60, 50, 300


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--database-url", help="default: SQLite in a temporary folder")
    parser.add_argument("--scratch", type=Path, help="keep the SQLite scratch database here")
    parser.add_argument("--no-rebuild", action="store_true", help="the index is built already")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--serve-seconds", type=float, default=10, help="per load through `sahifa serve` (0: skip)"
    )
    parser.add_argument("--connections", type=int, default=4, help="readers at once, served")
    return parser.parse_args()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


CPU: dict[str, list[float]] = {}


def database_cpu_seconds() -> float:
    """CPU time so far of this connection's PostgreSQL server process, when it runs on
    this machine (its scheduler statistics); 0 for SQLite, whose work is in-process."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def cpu_seconds() -> float:
    return time.process_time() + database_cpu_seconds()


def timed(run, items, name: str = "") -> list[float]:
    """Wall-clock milliseconds per item; the CPU milliseconds (this process' and, on
    PostgreSQL, its server process') are kept in CPU[name]: on a shared, busy machine
    the wall clock also counts waiting for a core."""
    times, cpu = [], []
    for item in items:
        started, started_cpu = time.perf_counter(), cpu_seconds()
        run(item)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((cpu_seconds() - started_cpu) * 1000)
    CPU[name] = cpu
    return times


def cpu_figures(name: str) -> str:
    values = CPU[name]
    return f"(CPU p50 {statistics.median(values):.1f} ms, p99 {percentile(values, 0.99):.1f} ms)"


def queries(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(language, query): 2-3 headline words of published articles, half with a typo."""
    from bench.search_eval import content_words, typo
    from sahifa.articles.models import Article

    ids = list(Article.objects.filter(live=True).values_list("pk", flat=True))
    chosen = Article.objects.filter(pk__in=rng.sample(ids, min(count * 2, len(ids))))
    made = []
    for language, headline in chosen.values_list("locale__language_code", "headline"):
        words = content_words(language, headline)
        if len(words) < 2:
            continue
        size = min(len(words), rng.randint(2, 3))
        start = rng.randrange(len(words) - size + 1)
        picked = words[start : start + size]
        if len(made) % 2:
            i = rng.randrange(len(picked))
            if len(picked[i]) >= 4:
                picked[i] = typo(picked[i], rng)
        made.append((language, " ".join(picked)))
    return made[:count]


def index_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tables with their TOAST and indexes (the text's GIN index among them).
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument'),"
                " pg_total_relation_size('search_searchtext'),"
                " pg_total_relation_size('search_searchword'),"
                " pg_relation_size('search_text_vector'), pg_relation_size('search_word_trigram')"
            )
            documents, text, words, gin, trigram = (n / 2**20 for n in cursor.fetchone())
            return (
                f"{documents + text + words:.0f} MB (documents {documents:.0f} MB, text"
                f" {text:.0f} MB of which its GIN index {gin:.0f} MB, vocabulary {words:.0f} MB"
                f" of which its trigram index {trigram:.0f} MB)"
            )
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat"
                " WHERE name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%'"
            )
            return f"{cursor.fetchone()[0] / 2**20:.0f} MB (search tables and their indexes)"
        except Exception:
            size = Path(connection.settings_dict["NAME"]).stat().st_size
            return f"database file {size / 2**20:.0f} MB"


def main() -> None:
    args = parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="sahifa-search-speed-"))
    scratch.mkdir(parents=True, exist_ok=True)
    if args.database_url:
        from pages import create_postgres_database

        create_postgres_database(args.database_url)
    setup(args, scratch)
    from django.db import connection

    from bench import search_serving
    from bench.dataset import load_articles
    from sahifa.articles.models import Article
    from sahifa.search import documents, engine, views

    rng = random.Random(args.seed)
    added, seconds = load_articles(args.articles, progress=lambda line: print(f"\r{line}", end=""))
    print(f"\nloaded {added:,} articles in {seconds:.0f} s ({connection.vendor})")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    if not args.no_rebuild:
        started, started_cpu = time.perf_counter(), cpu_seconds()
        documents.rebuild_all(ids)
        rebuild = time.perf_counter() - started
        spent = cpu_seconds() - started_cpu
        print(f"rebuild CPU (this process and its database server process): {spent:.0f} s")
        print(
            f"rebuild: {rebuild:.0f} s for {len(ids):,} articles"
            f" ({rebuild * 1000 / len(ids):.1f} ms each)  target < {REBUILD_S} s"
        )
    print(f"index on disk: {index_size()}")

    one = timed(lambda pk: documents.index([pk]), rng.sample(ids, 300), "index")
    print(
        f"index one article: p50 {statistics.median(one):.1f} ms,"
        f" p99 {percentile(one, 0.99):.1f} ms {cpu_figures('index')}  target < {INDEX_MS} ms"
    )

    made = queries(args.queries, rng)
    for language, text in made[:20]:
        engine.search(language, text).shown()  # warm caches, as a running site would be
    took = timed(lambda q: engine.search(q[0], q[1]).shown(), made, "search")
    print(
        f"search ({len(made)} queries): p50 {statistics.median(took):.1f} ms,"
        f" p99 {percentile(took, 0.99):.1f} ms {cpu_figures('search')}"
        f"  targets < {QUERY_P50_MS} / {QUERY_P99_MS} ms"
    )
    newest = timed(lambda q: engine.search(q[0], q[1], order=engine.NEWEST).shown(), made, "newest")
    print(
        f"search, newest first: p50 {statistics.median(newest):.1f} ms,"
        f" p99 {percentile(newest, 0.99):.1f} ms {cpu_figures('newest')}"
    )
    prefixes = [(language, text[: max(3, len(text) - 3)]) for language, text in made[:300]]
    suggest = timed(lambda q: views.completions(q[0], q[1]), prefixes, "suggest")
    print(
        f"suggestions: p50 {statistics.median(suggest):.1f} ms,"
        f" p99 {percentile(suggest, 0.99):.1f} ms {cpu_figures('suggest')}  target < 50 ms"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")
    if args.serve_seconds > 0:
        search_serving.measure(scratch, made, args.serve_seconds, args.connections)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
