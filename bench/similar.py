"""Benchmark similar news at scale: load N published articles into a scratch database
(real BBC/RIA texts from the shared data folder when present, each copy varied: sentences
dropped, one borrowed from another story; generated text otherwise), then print

  * the full rebuild time of every list (`sahifa similar --rebuild`'s work),
  * median / p99 time to compute the list of one newly published article with the
    index warm (as in the worker), and of its whole background job (index the article,
    store its list, refresh the recent lists it enters),
  * the process' peak memory (RSS).

    .venv/bin/python bench/similar.py                       # 100,000 articles, SQLite
    .venv/bin/python bench/similar.py --articles 20000      # smaller
    .venv/bin/python bench/similar.py --languages en        # all in one language (worst case)
    .venv/bin/python bench/similar.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_bench_similar
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
# One BLAS thread: small products, where threads only add waiting (as in the worker).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(ROOT))

COMPUTE_P50_MS, COMPUTE_P99_MS, REBUILD_S, PEAK_MB = 50, 200, 600, 2048


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--publish", type=int, default=200, help="new articles timed")
    parser.add_argument("--languages", default="uz,uz-cyrl,ru,en")
    parser.add_argument("--database-url", help="default: SQLite in a temporary folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scratch", type=Path, help="keep the SQLite scratch database here")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="time publishing only (lists already stored)"
    )
    return parser.parse_args()


def setup(args: argparse.Namespace, scratch: Path) -> None:
    os.environ["SAHIFA_VAR_DIR"] = str(scratch)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahifa.settings"
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def varied(text, other, rng: random.Random):
    """A copy of a text that is not a duplicate: some sentences out, one borrowed."""
    from bench.corpus import Text

    def keep(paragraph: str) -> str:
        sentences = [s for s in paragraph.split(". ") if rng.random() > 0.3]
        return ". ".join(sentences) or paragraph

    paragraphs = [keep(p) for p in text.paragraphs]
    paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(other.paragraphs))
    return Text(text.headline, text.lead, tuple(p for p in paragraphs if p))


def texts(languages: list[str], seed: int):
    from bench.corpus import texts_by_language

    pools = texts_by_language(seed=seed)
    return {language: pools[language] for language in languages}


def load(total: int, languages: list[str], seed: int) -> None:
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from bench.dataset import _article, ensure_categories
    from sahifa.articles.models import Article

    pools = texts(languages, seed)
    categories = ensure_categories()
    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    for first in range(0, total, 2000):
        batch = []
        for n in range(first, min(first + 2000, total)):
            language = languages[n % len(languages)]
            pool = pools[language]
            text = varied(pool[(n // len(languages)) % len(pool)], rng.choice(pool), rng)
            when = now - timedelta(days=730) * (1 - n / total)
            category = rng.choice(categories[language])
            batch.append(_article(n, text, category, None, when, rng))
        with transaction.atomic():
            Article.objects.bulk_create(batch)
        print(f"\r  loaded {first + len(batch):,} / {total:,}", end="", flush=True)
    print(f"\n  load: {time.perf_counter() - started:.0f} s")


def publish_one(language: str, text, rng: random.Random, n: int):
    from django.utils import timezone

    from bench.dataset import ensure_categories
    from sahifa.articles.models import Article

    category = rng.choice(ensure_categories()[language])
    article = Article(
        headline=text.headline,
        slug=f"fresh-{n}",
        lead=text.lead,
        body="".join(f"<p>{p}</p>" for p in text.paragraphs),
        locale_id=category.locale_id,
        category=category,
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    Article.objects.bulk_create([article])  # no signal: the job is timed by hand below
    return Article.objects.select_related("locale").get(slug=f"fresh-{n}", locale=category.locale)


def stored_total() -> int:
    from sahifa.articles import selectors

    return selectors.published().count()


class Progress:
    """Prints how far the rebuild is, every 5%."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.shown = max(total, 1), 0, -1

    def __call__(self, count: int) -> None:
        self.done += count
        share = int(20 * self.done / self.total)
        if share != self.shown:
            self.shown = share
            print(f"\r  rebuild {5 * share}%", end="", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    args = parse_args()
    languages = args.languages.split(",")
    with tempfile.TemporaryDirectory(prefix="sahifa-bench-similar-") as scratch:
        setup(args, args.scratch or Path(scratch))
        from sahifa.articles.models import Article
        from sahifa.related import index, rebuild, services

        if not Article.objects.exists():
            print(f"Loading {args.articles:,} articles in {', '.join(languages)}")
            load(args.articles, languages, args.seed)
        Article.objects.filter(slug__startswith="fresh-").delete()

        rebuild_s = rebuild_cpu = float("nan")
        if not args.no_rebuild:
            started, cpu = time.perf_counter(), time.process_time()
            stored = rebuild.rebuild(progress=Progress(2 * stored_total()))
            rebuild_s, rebuild_cpu = time.perf_counter() - started, time.process_time() - cpu
            print(f"\nFull rebuild: {stored:,} lists, {rebuild_s:.0f} s ({rebuild_cpu:.0f} s CPU)")

        rng = random.Random(args.seed + 1)
        pools = texts(languages, args.seed + 1)
        for language in languages:
            index.get(language)  # warm, as in the long-running worker
        compute_ms, compute_cpu_ms, job_ms = [], [], []
        for n in range(args.publish):
            language = languages[n % len(languages)]
            text = varied(rng.choice(pools[language]), rng.choice(pools[language]), rng)
            article = publish_one(language, text, rng, n)
            services.index_article(article)
            started, cpu = time.perf_counter(), time.process_time()
            services.compute(article, services.stored_count())
            compute_ms.append(1000 * (time.perf_counter() - started))
            compute_cpu_ms.append(1000 * (time.process_time() - cpu))
            started = time.perf_counter()
            services.refresh(article.pk)
            job_ms.append(1000 * (time.perf_counter() - started))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report(args, rebuild_s, compute_ms, job_ms, peak_mb)
        print(
            f"  CPU time: list median {statistics.median(compute_cpu_ms):.1f} ms,"
            f" p99 {percentile(compute_cpu_ms, 0.99):.1f} ms; rebuild {rebuild_cpu:.0f} s"
        )
        print(f"  load average during the run: {os.getloadavg()}")  # fmt: skip


def report(args, rebuild_s: float, compute_ms: list[float], job_ms: list[float], peak_mb: float):
    def line(name: str, value: float, unit: str, limit: float) -> None:
        verdict = "ok" if value < limit else "OVER"
        print(f"  {name:<38} {value:10.1f} {unit:<3} (target < {limit:g}) {verdict}")

    print(f"\n{args.articles:,} articles, {args.publish} published and timed:")
    line("list of a new article, median", statistics.median(compute_ms), "ms", COMPUTE_P50_MS)
    line("list of a new article, p99", percentile(compute_ms, 0.99), "ms", COMPUTE_P99_MS)
    print(f"  {'whole publish job, median / p99':<38} {statistics.median(job_ms):10.1f} ms"
          f" / {percentile(job_ms, 0.99):.1f} ms (index + own list + lists it enters)")  # fmt: skip
    line("full rebuild", rebuild_s, "s", REBUILD_S)
    line("peak memory (RSS)", peak_mb, "MB", PEAK_MB)


if __name__ == "__main__":
    main()
