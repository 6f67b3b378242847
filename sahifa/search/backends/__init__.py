"""The engines behind one results contract: given a language and a plan, the ids of
matching articles with a relevance score (higher is better), best first; and words of
the vocabulary that look like a word, for typo correction. Which articles may be shown
is decided afterwards, against the database (`sahifa.search.engine`)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.db import connection
from django.db.models import Model

from sahifa.search.query import Plan


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the search to, and its order."""

    category_id: int | None = None
    since: datetime | None = None
    newest: bool = False
    public: bool = True  # the newsroom searches every state


def narrowed(filters: Filters) -> tuple[str, list[Any]]:
    """SQL conditions on the documents table `d` for the filters, with their values."""
    sql = " AND d.public" if filters.public else ""
    params: list[Any] = []
    if filters.category_id is not None:
        sql += " AND d.category_id = %s"
        params.append(filters.category_id)
    if filters.since is not None:
        sql += " AND d.published_at >= %s"
        params.append(connection.ops.adapt_datetimefield_value(filters.since))
    return sql, params


class Backend(Protocol):
    name: str

    def candidates(
        self, plan: Plan, any_group: bool, limit: int, filters: Filters
    ) -> list[tuple[int, float]]:
        """Public documents of the plan's language matching every group and phrase (or
        any, with ``any_group``): (article id, score), best first, or newest first."""
        ...

    def similar_words(self, language: str, word: str, limit: int) -> list[str]: ...


def bulk_loading() -> AbstractContextManager[None]:
    """Around emptying and refilling the whole index, inside its transaction: the
    database's fastest way (SQLite builds its FTS5 indexes once at the end)."""
    if connection.vendor == "sqlite":
        from sahifa.search.backends.sqlite import bulk_loading as sqlite_bulk_loading

        return sqlite_bulk_loading()
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import bulk_loading as postgres_bulk_loading

        return postgres_bulk_loading()
    return nullcontext()


def after_index() -> None:
    """Once some articles were indexed: the database's tidying of what they added."""
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import merge_pending

        merge_pending()


def after_rebuild() -> None:
    """Once a rebuild has committed: the database's tidying of the rows it replaced."""
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import vacuum

        vacuum()


def bulk_insert(
    objects: Iterable[Model], model: type[Model], batch_size: int | None = None
) -> None:
    """New rows of a model, the database's fastest way (PostgreSQL: COPY, one stream)."""
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import copy_rows

        copy_rows(objects, model)
    else:
        model._default_manager.bulk_create(objects, batch_size=batch_size)


def get_backend() -> Backend:
    """The cluster's engine when ``SAHIFA_SEARCH_URL`` is set, else the database's."""
    if settings.SAHIFA_SEARCH_URL:
        from sahifa.search.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend(database_backend())
    return database_backend()


def database_backend() -> Backend:
    if connection.vendor == "postgresql":
        from sahifa.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from sahifa.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()
