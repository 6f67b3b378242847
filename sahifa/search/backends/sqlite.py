"""SQLite: FTS5 over the analysed text (table `search_fts`, kept by triggers), BM25 with
the headline weighing five times the body, joined by rowid to the documents for language,
state, category and date; trigrams of the vocabulary (`search_word_fts`) for words two
edits away.

BM25 costs far more than the match itself (it reads every matching row's positions), so
it is computed for two bounded sets, not for every match: the articles whose headline
matches (few, and the ones readers look for), and the most recently added body matches
(rowid order, which FTS5 reads without sorting); the other body matches follow in that
order, unscored. A query's cost no longer grows with how
many articles share its words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from sahifa.search.backends import Filters, narrowed
from sahifa.search.models import SearchDocument, SearchText, SearchWord
from sahifa.search.query import Plan

# bm25() weights per column: headline, lead and body, byline.
WEIGHTS = (5.0, 1.0, 0.5)
SCORED = 100  # most recently added body-only matches ranked by BM25; the rest unscored


def quoted(text: str) -> str:
    """An FTS5 string: whatever is inside is matched as words, never read as syntax."""
    return '"' + text.replace('"', '""') + '"'


def match_expression(plan: Plan, any_group: bool) -> str:
    parts = ["(" + " OR ".join(quoted(t) for t in g.terms) + ")" for g in plan.groups]
    parts += [quoted(" ".join(p)) for p in plan.phrases]
    return (" OR " if any_group else " AND ").join(parts)


class SQLiteBackend:
    name = "sqlite"

    def candidates(
        self, plan: Plan, any_group: bool, limit: int, filters: Filters
    ) -> list[tuple[int, float]]:
        expression = match_expression(plan, any_group)
        if filters.newest:
            return self._newest(expression, plan.language, filters, limit)
        found = self._matches(
            f"{{headline}} : ({expression})", plan.language, filters, "score", limit
        )
        seen = {pk for pk, _ in found}
        newest = "search_fts.rowid DESC"  # FTS5 reads its matches in rowid order
        scored = self._matches(expression, plan.language, filters, newest, min(SCORED, limit))
        body = sorted((hit for hit in scored if hit[0] not in seen), key=lambda h: -h[1])
        seen.update(pk for pk, _ in body)
        rest = self._matches(expression, plan.language, filters, newest, limit, scored=False)
        found += body + [hit for hit in rest if hit[0] not in seen]
        return found[:limit]

    def _matches(
        self,
        expression: str,
        language: str,
        filters: Filters,
        order: str,
        limit: int,
        scored: bool = True,
    ) -> list[tuple[int, float]]:
        """(article id, score) of the public documents matching, in this order; BM25 is
        computed only with ``scored`` (for the rows read: keep ``limit`` small)."""
        weights = ", ".join(str(w) for w in WEIGHTS)
        score = f"bm25(search_fts, {weights})" if scored else "0.0"
        conditions, params = narrowed(filters)
        sql = (
            f"SELECT d.article_id, {score} AS score FROM search_fts "
            f"JOIN {SearchDocument._meta.db_table} d ON d.article_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND d.language = %s{conditions} "
            f"ORDER BY {order} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, language, *params, limit])
            return [(pk, -score) for pk, score in cursor.fetchall()]

    def _newest(
        self, expression: str, language: str, filters: Filters, limit: int
    ) -> list[tuple[int, float]]:
        """Matches newest first: the language's documents in date order (an index),
        each checked against the set of matches, rather than every match sorted."""
        conditions, params = narrowed(filters)
        sql = (
            f"SELECT d.article_id FROM {SearchDocument._meta.db_table} d "
            "WHERE d.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
            f"AND d.language = %s{conditions} "
            "ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, language, *params, limit])
            return [(pk, 0.0) for (pk,) in cursor.fetchall()]

    def similar_words(self, language: str, word: str, limit: int) -> list[str]:
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return []
        table = SearchWord._meta.db_table
        sql = (
            f"SELECT w.word FROM search_word_fts JOIN {table} w ON w.id = search_word_fts.rowid "
            "WHERE search_word_fts MATCH %s AND w.language = %s "
            "AND length(w.word) BETWEEN %s AND %s ORDER BY rank LIMIT %s"
        )
        expression = " OR ".join(quoted(g) for g in sorted(grams))
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, language, len(word) - 2, len(word) + 2, limit])
            return [row[0] for row in cursor.fetchall()]


# FTS5 tables and the content tables whose triggers keep them in step (the migration's).
FTS_TABLES = {"search_fts": SearchText._meta.db_table, "search_word_fts": SearchWord._meta.db_table}


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Inside a transaction: the FTS5 triggers are set aside while the content tables are
    emptied and filled, then each FTS5 index is built once from its content ('rebuild'),
    which costs a fraction of updating it row by row. On an error the transaction
    rolls the dropped triggers back with everything else (SQLite DDL is transactional)."""
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(FTS_TABLES))
        cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
            list(FTS_TABLES.values()),
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    yield
    with connection.cursor() as cursor:
        for fts in FTS_TABLES:
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        for _name, sql in triggers:
            cursor.execute(sql)
