"""PostgreSQL: full-text search over the analysed text (the generated, weighted column
`vector`, 'simple' configuration: the text is analysed already, so Uzbek folding and our
stop words hold), ts_rank with the headline weighing most; pg_trgm for words two edits
away. Every term is a bound parameter of phraseto_tsquery: never tsquery syntax."""

from __future__ import annotations

from django.db import connection
from django.db.models.expressions import RawSQL

from sahifa.search.models import SearchWord
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

    def candidates(self, plan: Plan, any_group: bool, limit: int) -> list[tuple[int, float]]:
        expression, params = tsquery(plan, any_group)
        sql = (
            f"SELECT article_id, ts_rank('{WEIGHTS}', vector, q) AS score "
            f"FROM search_searchdocument, ({'SELECT ' + expression} AS q) AS query "
            "WHERE language = %s AND vector @@ q ORDER BY score DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, plan.language, limit])
            return [(pk, float(score)) for pk, score in cursor.fetchall()]

    def id_set(self, hits: list[tuple[int, float, int]]) -> RawSQL:
        return RawSQL("SELECT unnest(%s::integer[])", [[h[0] for h in hits]])

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
