"""The engines behind one results contract: given a language and a plan, the ids of
matching articles with a relevance score (higher is better), best first; and words of
the vocabulary that look like a word, for typo correction. Which articles may be shown
is decided afterwards, against the database (`sahifa.search.engine`)."""

from __future__ import annotations

from typing import Protocol

from django.db import connection
from django.db.models.expressions import RawSQL

from sahifa.search.query import Plan


class Backend(Protocol):
    name: str

    def candidates(self, plan: Plan, any_group: bool, limit: int) -> list[tuple[int, float]]: ...

    def similar_words(self, language: str, word: str, limit: int) -> list[str]: ...

    def id_set(self, hits: list[tuple[int, float, int]]) -> RawSQL:
        """The hits' ids as one bound parameter (a subquery), for ``pk__in``: a
        thousand separate parameters cost more to build than the query costs to run."""
        ...


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from sahifa.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()
