"""PostgreSQL: full-text search over the analysed text (the texts' generated, weighted
column `vector`, 'simple' configuration: the text is analysed already, so Uzbek folding
and our stop words hold), ts_rank with the headline weighing most; pg_trgm for words two
edits away. Every term is a bound parameter of phraseto_tsquery: never tsquery syntax.

ts_rank costs far more than the match (it reads every match's whole vector), so, as on
SQLite, it is computed for two bounded sets: the headline matches (found by an index of
the headline alone) and the most recent body matches; the rest follow newest first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import AutoField, Model

from sahifa.search.backends import Filters, narrowed
from sahifa.search.models import SearchDocument, SearchText, SearchWord
from sahifa.search.query import Plan

# ts_rank weights, for D (unused), C (byline), B (lead and body), A (headline).
WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"
_TERM = "phraseto_tsquery('simple', %s)"
TRIGRAM_THRESHOLD = 0.15
# The headline's own vector, as its GIN index (migration 0004) has it.
HEADLINE_VECTOR = "to_tsvector('simple'::regconfig, t.headline)"
# ts_rank reads a match's whole vector (large, compressed out of line): it is computed
# for the headline matches and this many of the most recent body matches; the other body
# matches follow newest first, unscored (as the SQLite engine does with BM25).
SCORED = 100


def tsquery(plan: Plan, any_group: bool) -> tuple[str, list[str]]:
    parts: list[str] = []
    params: list[str] = []
    for group in plan.groups:
        parts.append("(" + " || ".join([_TERM] * len(group.terms)) + ")")
        params.extend(group.terms)
    for phrase in plan.phrases:
        parts.append(_TERM)
        params.append(" ".join(phrase))
    return (" || " if any_group else " && ").join(parts), params


class PostgresBackend:
    name = "postgresql"

    def candidates(
        self, plan: Plan, any_group: bool, limit: int, filters: Filters
    ) -> list[tuple[int, float]]:
        expression, terms = tsquery(plan, any_group)
        if filters.newest:
            order = "d.published_at DESC, d.article_id DESC"
            return [(pk, 0.0) for pk in self._ids(expression, terms, plan, filters, order, limit)]
        found = self._headline_matches(expression, terms, plan, filters, limit)
        seen = {pk for pk, _ in found}
        newest = self._ids(expression, terms, plan, filters, "d.article_id DESC", limit)
        body = [pk for pk in newest if pk not in seen]
        scores = self._scores(expression, terms, body[:SCORED])
        found += sorted(
            ((pk, scores.get(pk, 0.0)) for pk in body[:SCORED]), key=lambda hit: -hit[1]
        )
        found += [(pk, 0.0) for pk in body[SCORED:]]
        return found[:limit]

    def _headline_matches(
        self, expression: str, terms: list[str], plan: Plan, filters: Filters, limit: int
    ) -> list[tuple[int, float]]:
        """Matches within the headline (its own GIN index), by ts_rank: few, and the
        articles readers look for."""
        conditions, values = narrowed(filters)
        sql = (
            f"SELECT d.article_id, ts_rank('{WEIGHTS}', t.vector, q) AS score "
            f"FROM {SearchText._meta.db_table} t "
            f"JOIN {SearchDocument._meta.db_table} d ON d.article_id = t.document_id, "
            f"(SELECT {expression} AS q) AS query "
            f"WHERE {HEADLINE_VECTOR} @@ q AND d.language = %s{conditions} "
            "ORDER BY score DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, plan.language, *values, limit])
            return [(pk, float(score)) for pk, score in cursor.fetchall()]

    def _ids(
        self,
        expression: str,
        terms: list[str],
        plan: Plan,
        filters: Filters,
        order: str,
        limit: int,
    ) -> list[int]:
        """Every match in this order, unscored: the index finds them, no vector is read."""
        conditions, values = narrowed(filters)
        sql = (
            f"SELECT d.article_id FROM {SearchText._meta.db_table} t "
            f"JOIN {SearchDocument._meta.db_table} d ON d.article_id = t.document_id "
            f"WHERE t.vector @@ ({expression}) AND d.language = %s{conditions} "
            f"ORDER BY {order} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, plan.language, *values, limit])
            return [pk for (pk,) in cursor.fetchall()]

    def _scores(self, expression: str, terms: list[str], ids: list[int]) -> dict[int, float]:
        if not ids:
            return {}
        sql = (
            f"SELECT t.document_id, ts_rank('{WEIGHTS}', t.vector, {expression}) "
            f"FROM {SearchText._meta.db_table} t WHERE t.document_id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, ids])
            return {pk: float(score) for pk, score in cursor.fetchall()}

    def similar_words(self, language: str, word: str, limit: int) -> list[str]:
        table = SearchWord._meta.db_table
        sql = (
            # lower(word): what the trigram index holds (migration 0007).
            f"SELECT word FROM {table} WHERE language = %s AND lower(word) %% %s "
            "AND length(word) BETWEEN %s AND %s ORDER BY similarity(word, %s) DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            # Two edits in a word of six to ten letters leave about a fifth of its
            # trigrams: pg_trgm's default bar (0.3) would miss them.
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
            cursor.execute(sql, [language, word, len(word) - 2, len(word) + 2, word, limit])
            return [row[0] for row in cursor.fetchall()]


# The migration's GIN indexes: the texts' vectors and the vocabulary's trigrams.
GIN_INDEXES = ("search_text_vector", "search_text_headline", "search_word_trigram")
TABLES = (SearchDocument, SearchText, SearchWord)


def merge_pending() -> None:
    """New GIN entries wait in each index's pending list (up to 4 MB) until merged, and
    every search reads the whole list: merged after each indexing job instead, in the
    job worker, searches never read more than one job's entries. Only an index's owner
    may merge it: a site whose database role does not own the tables leaves it to
    autovacuum, as before, rather than failing the job."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(c.oid) FROM pg_class c"
            " WHERE c.oid = ANY(%s::regclass[]) AND pg_has_role(c.relowner, 'USAGE')",
            [list(GIN_INDEXES)],
        )


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Inside the rebuild's transaction, with the indexes kept: no DDL, since dropping an
    index takes an ACCESS EXCLUSIVE lock on its table, which would hold every search
    until the commit (readers meanwhile search the old rows, as MVCC shows them). New GIN
    entries collect in each index's pending list and are merged in sorted batches, the
    last of them here, so the first searches after the commit need not scan it."""
    yield
    merge_pending()
    with connection.cursor() as cursor:
        for model in TABLES:  # the planner's statistics, for the new rows
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def vacuum() -> None:
    """After a rebuild's commit: the replaced rows' space and index entries freed, so
    finding the newest matches does not step over a whole index of dead rows until
    autovacuum comes by (at 100,000 articles, search took half as long again). VACUUM
    cannot run inside a transaction: inside one (a test's), autovacuum does it later."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def copy_rows(objects: Iterable[Model], model: type[Model]) -> None:
    """Add rows with COPY, the fastest way in: the model's columns but an automatic id."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField)]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for item in objects:
            copy.write_row(
                [f.get_db_prep_save(getattr(item, f.attname), connection) for f in fields]
            )
