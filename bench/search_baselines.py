"""The systems Sahifa's search is measured against, each as its users run it, on the
same articles and queries (see bench/search_eval.py). Each is a function of
(texts, ids) returning a search: query text to the ids of its first ten results.

  * sqlite fts5     FTS5 with the unicode61 tokenizer, every word required, BM25.
  * postgresql fts  plainto_tsquery with the language's configuration (english,
                    russian; simple for Uzbek, which PostgreSQL has none for), ts_rank
                    with the headline weighted A.
  * postgresql fts + trigram  the same, after each query word the corpus does not know
                    is replaced by its most similar known word (pg_trgm similarity over
                    the corpus's words, ts_stat), the usual recipe for typos.
  * wordpress like  WP_Query's search: its stop words out, every word must appear
                    (LIKE '%word%', case-insensitive as MySQL's collations are) in the
                    title, excerpt or content; ordered as its search orderby does.
  * bm25            as OpenSearch's language analyzers: lowercase, the language's stop
                    words (Lucene's English list, Snowball's Russian one), Snowball stems;
                    Uzbek through the standard analyzer (lowercase only). BM25 k1=1.2
                    b=0.75 per field, headline (boosted 2, as sites configure a title:
                    without a boost it finds less, with 3 the same) and body, a
                    multi_match of best_fields (the better field's score) with its
                    default operator, or.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable

Search = Callable[[str], list[int]]
CONFIGS = {"en": "english", "ru": "russian", "uz": "simple"}


# Lucene's EnglishAnalyzer default stop set (OpenSearch's _english_).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LUCENE_ENGLISH_STOP = _words(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with"""
)
# WordPress' get_search_stopwords() (English; translations may replace it).
WORDPRESS_STOP = _words(
    """about an are as at be by com for from how in is it of on or that the this to was what
    when where who will with www"""
)
_WORD = re.compile(r"\w+(?:['‘’]\w+)*")  # letters and digits, as Unicode word breaks
K1, B = 1.2, 0.75
HEADLINE_BOOST = 2.0


def body_of(text) -> str:
    return f"{text.lead} {' '.join(text.paragraphs)}"


def plain_fts5(language: str, texts: list, ids: list[int]) -> Search:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(headline, body)")
    db.executemany(
        "INSERT INTO docs(rowid, headline, body) VALUES (?, ?, ?)",
        [(pk, t.headline, body_of(t)) for pk, t in zip(ids, texts, strict=True)],
    )

    def run(query: str) -> list[int]:
        words = _WORD.findall(query)
        if not words:
            return []
        expression = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", [expression]
        )
        return [r[0] for r in rows]

    return run


def _postgres_table(url: str, language: str, texts: list, ids: list[int]):
    import psycopg

    config = CONFIGS[language]
    db = psycopg.connect(url, autocommit=True)
    table = f"search_eval_{language}"
    db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(f"CREATE TABLE {table} (id int primary key, headline text, body text, doc tsvector)")
    with db.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} VALUES (%s, %s, %s, setweight(to_tsvector('{config}', %s), 'A')"
            f" || to_tsvector('{config}', %s))",
            [
                (pk, t.headline, body_of(t), t.headline, body_of(t))
                for pk, t in zip(ids, texts, strict=True)
            ],
        )
    db.execute(f"CREATE INDEX ON {table} USING gin (doc)")
    return db, table, config


def _ranked(db, table: str, config: str, query: str) -> list[int]:
    rows = db.execute(
        f"SELECT id FROM {table}, plainto_tsquery('{config}', %s) q WHERE doc @@ q "
        "ORDER BY ts_rank(doc, q) DESC LIMIT 10",
        [query],
    )
    return [r[0] for r in rows]


def postgres_fts(url: str) -> Callable[[str, list, list[int]], Search]:
    def make(language: str, texts: list, ids: list[int]) -> Search:
        db, table, config = _postgres_table(url, language, texts, ids)
        return lambda query: _ranked(db, table, config, query)

    return make


def postgres_trigram(url: str) -> Callable[[str, list, list[int]], Search]:
    def make(language: str, texts: list, ids: list[int]) -> Search:
        db, table, config = _postgres_table(url, language, texts, ids)
        words = f"{table}_words"
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.execute(f"DROP TABLE IF EXISTS {words}")
        db.execute(
            f"CREATE TABLE {words} AS SELECT word, ndoc FROM ts_stat("
            f"$$SELECT to_tsvector('simple', headline || ' ' || body) FROM {table}$$)"
        )
        db.execute(f"CREATE INDEX ON {words} USING gin (word gin_trgm_ops)")
        db.execute(f"CREATE UNIQUE INDEX ON {words} (word)")

        def correct(word: str) -> str:
            if db.execute(f"SELECT 1 FROM {words} WHERE word = %s", [word]).fetchone():
                return word
            row = db.execute(
                f"SELECT word FROM {words} WHERE word %% %s"
                " ORDER BY similarity(word, %s) DESC, ndoc DESC LIMIT 1",
                [word, word],
            ).fetchone()
            return row[0] if row else word

        def run(query: str) -> list[int]:
            # The query's words as PostgreSQL's parser splits them (as the word list).
            found = db.execute(
                "SELECT unnest(tsvector_to_array(to_tsvector('simple', %s)))", [query]
            )
            corrected = " ".join(correct(row[0]) for row in found)
            return _ranked(db, table, config, corrected)

        return run

    return make


def wordpress_like(language: str, texts: list, ids: list[int]) -> Search:
    """WP_Query::parse_search and parse_search_order, on lower-cased copies (MySQL's
    default collations ignore case and, for Russian, е/ё)."""

    def fold(text: str) -> str:
        return text.lower().replace("ё", "е")

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE posts (id int, title text, excerpt text, content text, date int)")
    db.executemany(
        "INSERT INTO posts VALUES (?, ?, ?, ?, ?)",
        [
            # The dates the eval gives the articles (bench/search_eval.py's load).
            (pk, fold(t.headline), fold(t.lead), fold(" ".join(t.paragraphs)), -(n % 700))
            for n, (pk, t) in enumerate(zip(ids, texts, strict=True))
        ],
    )

    def like(term: str) -> str:
        return "%" + re.sub(r"([\\%_])", r"\\\1", fold(term)) + "%"

    def run(query: str) -> list[int]:
        terms = [
            t
            for t in re.findall(r'[^\t ",+]+', query)
            if fold(t) not in WORDPRESS_STOP and not re.fullmatch(r"[a-z-]", t, re.I)
        ]
        if not terms:
            return []
        where = " AND ".join(
            f"({_like('title')} OR {_like('excerpt')} OR {_like('content')})" for _ in terms
        )
        params = [like(t) for t in terms for _ in range(3)]
        order, order_params = wordpress_order(like(query.strip()), [like(t) for t in terms])
        rows = db.execute(
            f"SELECT id FROM posts WHERE {where} ORDER BY {order}, date DESC LIMIT 10",
            [*params, *order_params],
        )
        return [r[0] for r in rows]

    return run


def _like(column: str) -> str:
    return f"{column} LIKE ? ESCAPE '\\'"


def wordpress_order(whole: str, terms: list[str]) -> tuple[str, list[str]]:
    """WP_Query::parse_search_order: the whole search in the title, every word in the
    title, any word in the title, the whole search in the excerpt, then the content."""
    if len(terms) == 1:
        return f"{_like('title')} DESC", terms
    title = [_like("title")] * len(terms)
    order = (
        f"CASE WHEN {_like('title')} THEN 1 WHEN {' AND '.join(title)} THEN 2"
        f" WHEN {' OR '.join(title)} THEN 3 WHEN {_like('excerpt')} THEN 4"
        f" WHEN {_like('content')} THEN 5 ELSE 6 END"
    )
    return order, [whole, *terms, *terms, whole, whole]


def opensearch_analyzer(language: str) -> Callable[[str], list[str]]:
    if language == "uz":  # the standard analyzer: lowercase, no stop words, no stems
        return lambda text: _WORD.findall(text.lower())
    import Stemmer

    if language == "ru":
        from sahifa.core.text.stopwords import SEARCH_RUSSIAN as stop  # Snowball's list
    else:
        stop = LUCENE_ENGLISH_STOP
    stem = Stemmer.Stemmer("russian" if language == "ru" else "english").stemWords

    def analyse(text: str) -> list[str]:
        words = (w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower()))
        return stem([w for w in words if w not in stop])

    return analyse


class _Field:
    """One field's inverted index with Lucene's BM25."""

    def __init__(self, docs: dict[int, list[str]]) -> None:
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self.length = {pk: len(terms) for pk, terms in docs.items()}
        self.average = sum(self.length.values()) / max(len(docs), 1)
        for pk, terms in docs.items():
            for term, count in Counter(terms).items():
                self.postings[term][pk] = count

    def scores(self, terms: list[str]) -> Counter[int]:
        found: Counter[int] = Counter()
        n = len(self.length)
        for term in terms:
            posting = self.postings.get(term, {})
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for pk, tf in posting.items():
                norm = K1 * (1 - B + B * self.length[pk] / self.average)
                found[pk] += idf * tf * (K1 + 1) / (tf + norm)
        return found


def bm25(language: str, texts: list, ids: list[int]) -> Search:
    analyse = opensearch_analyzer(language)
    pairs = list(zip(ids, texts, strict=True))
    fields = [
        (_Field({pk: analyse(t.headline) for pk, t in pairs}), HEADLINE_BOOST),
        (_Field({pk: analyse(body_of(t)) for pk, t in pairs}), 1.0),
    ]

    def run(query: str) -> list[int]:
        terms = analyse(query)
        best: Counter[int] = Counter()
        for field, boost in fields:
            for pk, value in field.scores(terms).items():
                best[pk] = max(best[pk], boost * value)
        return [pk for pk, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))[:10]]

    return run
