"""Known-item search quality: can a reader find the story they remember?

For sampled articles of a labelled corpus, a query is made the way a reader types one:
2-4 consecutive words of its headline (stop words skipped), then the same words

  * exact       as they are,
  * typo        one word (of four letters or more) with one edit (a letter dropped,
                doubled, swapped with the next, or replaced),
  * inflection  one word in another form: a different word of the corpus with the same
                stem (English, Russian), an Uzbek case or plural suffix added,
  * script      (Uzbek) in the other script.

It prints success@1, success@10 and MRR@10 per kind for Sahifa's engine and, on the same
queries, five baselines (bench/search_baselines.py): plain SQLite FTS5, WordPress-style
LIKE matching, BM25 over stemmed words as OpenSearch's language analyzers do and, with
--pg-url, PostgreSQL full-text search with and without trigram correction of misspelt
words.

Corpora: BBC News (English) and RIA Novosti (Russian) from the shared data folder (see
bench/corpus.py), and Uzbek: the RIA texts written in Uzbek Latin letters by the site's
transliteration (real news vocabulary and word frequencies; the queries go through the
Uzbek analysis, the fold and the suffixes).

    .venv/bin/python bench/search_eval.py                 # en, ru, uz on SQLite
    .venv/bin/python bench/search_eval.py --corpora en --queries 300
    .venv/bin/python bench/search_eval.py --pg-url postgres://postgres@127.0.0.1:5432/sahifa_search_eval
    .venv/bin/python bench/search_eval.py --database-url postgres://postgres@127.0.0.1:5432/sahifa_search_eval_site
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("exact", "typo", "inflection", "script")
TARGETS = {"exact": 0.99, "typo": 0.93, "inflection": 0.97, "script": 0.95}
UZBEK_SUFFIXES = ("lar", "ning", "da", "dan", "ga", "ni", "lari", "larda", "dagi")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default="en,ru,uz", help="en (BBC), ru (RIA), uz")
    parser.add_argument("--queries", type=int, default=500, help="per corpus and kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", help="Sahifa's database (default: scratch SQLite)")
    parser.add_argument("--pg-url", help="a PostgreSQL server for the PostgreSQL baseline")
    parser.add_argument("--misses", type=int, default=0, help="print this many of Sahifa's misses")
    return parser.parse_args()


def setup(database_url: str | None, scratch: Path) -> None:
    os.environ["SAHIFA_VAR_DIR"] = str(scratch)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{scratch / 'eval.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahifa.settings"
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def corpus(code: str):
    from bench import corpus as data

    if code == "en":
        return data.bbc()
    if code == "ru":
        return data.ria()
    from sahifa.languages.transliteration import cyrillic_to_latin

    return [
        data.Text(cyrillic_to_latin(t.headline), cyrillic_to_latin(t.lead),
                  tuple(cyrillic_to_latin(p) for p in t.paragraphs))
        for t in data.ria()
    ]  # fmt: skip


def unique(texts: list) -> list:
    seen: set[str] = set()
    kept = []
    for text in texts:
        if text.headline.lower() not in seen:
            seen.add(text.headline.lower())
            kept.append(text)
    return kept


def load(language: str, texts: list) -> list[int]:
    """The texts as published articles of ``language``, indexed; their ids in order."""
    from django.db import transaction
    from django.utils import timezone

    from bench.dataset import _article, ensure_categories
    from sahifa.articles.models import Article
    from sahifa.search import documents

    categories = ensure_categories()[language]
    rng = random.Random(1)
    now = timezone.now()
    articles = []
    for n, text in enumerate(texts):
        article = _article(n, text, rng.choice(categories), None, now, rng)
        article.live, article.first_published_at = (
            True,
            now - (n % 700) * (now - now.replace(year=now.year - 1)) / 700,
        )
        articles.append(article)
    with transaction.atomic():
        Article.objects.filter(locale__language_code=language).delete()
        created = Article.objects.bulk_create(articles)
    ids = [a.pk for a in created]
    all_ids = list(Article.objects.values_list("pk", flat=True))
    documents.rebuild_all(all_ids)
    return ids


# --- Queries ---------------------------------------------------------------------------


def content_words(language: str, headline: str) -> list[str]:
    from sahifa.core.text.analysis import normaliser, tokens

    normalise = normaliser(language, search=True)
    return [t for t in tokens(headline) if len(t) > 2 and normalise(t.lower())]


def typo(word: str, rng: random.Random) -> str:
    letters = (
        "абвгдежзийклмнопрстуфхцчшщыьэюя"
        if any("а" <= c <= "я" for c in word.lower())
        else "abcdefghijklmnopqrstuvwxyz"
    )
    i = rng.randrange(1, len(word))  # the first letter is rarely wrong
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    other = rng.choice([c for c in letters if c != word[i].lower()])
    return word[:i] + other + word[i + 1 :]


def forms_by_stem(language: str, texts: list) -> dict[str, list[str]]:
    """Every spelling of each stem in the corpus (lower case)."""
    from sahifa.core.text.analysis import normaliser, stemmer, tokens

    normalise, stem = normaliser(language, search=True), stemmer(language)
    forms: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for token in tokens(f"{text.headline} {text.lead} {' '.join(text.paragraphs)}"):
            words = normalise(token.lower())
            if words:
                forms[stem(words)[0]].add(token.lower())
    return {s: sorted(f) for s, f in forms.items()}


def inflected(language: str, words: list[str], forms: dict, rng: random.Random) -> list[str] | None:
    from sahifa.core.text.analysis import normaliser, stemmer

    order = list(range(len(words)))
    rng.shuffle(order)
    if language == "uz":
        i = order[0]
        return [*words[:i], words[i] + rng.choice(UZBEK_SUFFIXES), *words[i + 1 :]]
    normalise, stem = normaliser(language, search=True), stemmer(language)
    for i in order:
        key = stem(normalise(words[i].lower()))[0]
        others = [f for f in forms.get(key, []) if f != words[i].lower()]
        if others:
            return [*words[:i], rng.choice(others), *words[i + 1 :]]
    return None


def make_queries(language: str, texts: list, ids: list[int], count: int, seed: int):
    from sahifa.languages.transliteration import latin_to_cyrillic

    rng = random.Random(seed)
    forms = forms_by_stem(language, texts)
    order = list(range(len(texts)))
    rng.shuffle(order)
    queries: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for n in order:
        words = content_words(language, texts[n].headline)
        if len(words) < 2:
            continue
        size = rng.randint(2, min(4, len(words)))
        start = rng.randrange(len(words) - size + 1)
        chosen = words[start : start + size]
        target = ids[n]
        if len(queries["exact"]) < count:
            queries["exact"].append((" ".join(chosen), target))
        long_words = [i for i, w in enumerate(chosen) if len(w) >= 4]
        if long_words and len(queries["typo"]) < count:
            i = rng.choice(long_words)
            misspelt = [*chosen[:i], typo(chosen[i], rng), *chosen[i + 1 :]]
            queries["typo"].append((" ".join(misspelt), target))
        other = inflected(language, chosen, forms, rng)
        if other and len(queries["inflection"]) < count:
            queries["inflection"].append((" ".join(other), target))
        if language == "uz" and len(queries["script"]) < count:
            queries["script"].append((latin_to_cyrillic(" ".join(chosen)), target))
        if all(len(queries[k]) >= count for k in kinds_of(language)):
            break
    return queries


def kinds_of(language: str) -> tuple[str, ...]:
    return KINDS if language == "uz" else KINDS[:3]


# --- Systems -----------------------------------------------------------------------------


def sahifa_system(language: str) -> Callable[[str], list[int]]:
    from sahifa.search import engine

    def run(query: str) -> list[int]:
        results = engine.search(language, query)
        return [a.pk for a in results.shown(results.ids[:10])]

    return run


def baselines(pg_url: str | None) -> dict:
    from bench import search_baselines as base

    found = {"sqlite fts5": base.plain_fts5}
    if pg_url:
        found["postgresql fts"] = base.postgres_fts(pg_url)
        found["pg fts+trigram"] = base.postgres_trigram(pg_url)
    return found | {"wordpress like": base.wordpress_like, "bm25 (opensearch)": base.bm25}


# --- Scoring -----------------------------------------------------------------------------


def score(
    system: Callable[[str], list[int]], queries: list[tuple[str, int]], misses: list | None = None
) -> tuple[float, float, float, float]:
    at1 = at10 = mrr = 0.0
    started = time.perf_counter()
    for query, target in queries:
        found = system(query)
        if target in found:
            rank = found.index(target) + 1
            at1 += rank == 1
            at10 += 1
            mrr += 1 / rank
        if misses is not None and (target not in found or found[0] != target):
            misses.append((query, target, found[:3]))
    n = max(len(queries), 1)
    return at1 / n, at10 / n, mrr / n, (time.perf_counter() - started) * 1000 / n


def show_misses(missed: list) -> None:
    from sahifa.articles.models import Article

    for query, target, found in missed:
        headlines = dict(
            Article.objects.filter(pk__in=[target, *found]).values_list("pk", "headline")
        )
        print(f"      {query!r} -> want {headlines.get(target)!r}")
        for pk in found:
            print(f"          got {headlines.get(pk)!r}")


def main() -> None:
    args = parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="sahifa-search-eval-"))
    setup(args.database_url, scratch)
    from django.db import connection

    print(f"Sahifa on {connection.vendor}; {args.queries} queries per corpus and kind\n")
    for code in args.corpora.split(","):
        texts = unique(corpus(code))
        if not texts:
            print(f"{code}: no corpus found (see bench/corpus.py)")
            continue
        started = time.perf_counter()
        ids = load(code, texts)
        print(
            f"== {code}: {len(texts)} articles"
            f" (loaded and indexed in {time.perf_counter() - started:.0f} s)"
        )
        queries = make_queries(code, texts, ids, args.queries, args.seed)
        systems = {"sahifa": sahifa_system(code)}
        for name, make in baselines(args.pg_url).items():
            systems[name] = make(code, texts, ids)
        print(
            f"  {'kind':<11} {'n':>4}  {'system':<17} {'s@1':>6} {'s@10':>6}"
            f" {'mrr@10':>7} {'ms/q':>6}"
        )
        for kind in kinds_of(code):
            for name, system in systems.items():
                missed: list = []
                at1, at10, mrr, ms = score(
                    system, queries[kind], missed if name == "sahifa" else None
                )
                mark = ""
                if name == "sahifa":
                    mark = "  ok" if at10 >= TARGETS[kind] else f"  below {TARGETS[kind]}"
                print(
                    f"  {kind:<11} {len(queries[kind]):>4}  {name:<17} {at1:6.3f} {at10:6.3f}"
                    f" {mrr:7.3f} {ms:6.1f}{mark}"
                )
                show_misses(missed[: args.misses])
        print()


if __name__ == "__main__":
    main()
