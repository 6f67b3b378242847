"""PostgreSQL: full-text search over the analysed text (the texts' generated, weighted
column `vector`, 'simple' configuration: the text is analysed already, so Uzbek folding
and our stop words hold), ts_rank with the headline weighing most; pg_trgm for words two
edits away. Every term is a bound parameter of phraseto_tsquery: never tsquery syntax."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import AutoField, Model

from sahifa.search.backends import Filters, narrowed
from sahifa.search.models import SearchDocument, SearchText, SearchWord
from sahifa.search.query import Plan

# ts_rank weights, for D (unused), C (byline), B (lead and body), A (headline).
WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"
_TERM = "phraseto_tsquery('simple', %s)"
TRIGRAM_THRESHOLD = 0.15


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
        sql, params = self.candidates_query(plan, any_group, limit, filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(pk, float(score)) for pk, score in cursor.fetchall()]

    def candidates_query(
        self, plan: Plan, any_group: bool, limit: int, filters: Filters
    ) -> tuple[str, list[Any]]:
        """The SQL of `candidates` and its parameters."""
        expression, params = tsquery(plan, any_group)
        conditions, values = narrowed(filters)
        order = "d.published_at DESC, d.article_id DESC" if filters.newest else "score DESC"
        sql = (
            f"SELECT d.article_id, ts_rank('{WEIGHTS}', t.vector, q) AS score "
            f"FROM {SearchText._meta.db_table} t "
            f"JOIN {SearchDocument._meta.db_table} d ON d.article_id = t.document_id, "
            f"(SELECT {expression} AS q) AS query "
            f"WHERE d.language = %s AND t.vector @@ q{conditions} "
            f"ORDER BY {order} LIMIT %s"
        )
        return sql, [*params, plan.language, *values, limit]

    def similar_words(self, language: str, word: str, limit: int) -> list[str]:
        table = SearchWord._meta.db_table
        sql = (
            f"SELECT word FROM {table} WHERE language = %s AND word %% %s "
            "AND length(word) BETWEEN %s AND %s ORDER BY similarity(word, %s) DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            # Two edits in a word of six to ten letters leave about a fifth of its
            # trigrams: pg_trgm's default bar (0.3) would miss them.
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
            cursor.execute(sql, [language, word, len(word) - 2, len(word) + 2, word, limit])
            return [row[0] for row in cursor.fetchall()]


# The migration's GIN indexes: the texts' vectors and the vocabulary's trigrams.
GIN_INDEXES = ("search_text_vector", "search_word_trigram")
TABLES = (SearchDocument, SearchText, SearchWord)


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Inside the rebuild's transaction, with the indexes kept (no DDL: dropping an index
    takes an ACCESS EXCLUSIVE lock on its table, which would hold every search until the
    commit; until then readers go on searching the old rows, as MVCC shows them). New GIN
    entries collect in each index's pending list, merged into the index in large sorted
    batches (a bigger list and more memory to sort it than the defaults), and the rest is
    merged at the end, so the first searches after the commit do not have to."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
    yield
    with connection.cursor() as cursor:
        for index in GIN_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        for model in TABLES:  # the planner's statistics, for the new rows
            cursor.execute(f"ANALYZE {model._meta.db_table}")


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
