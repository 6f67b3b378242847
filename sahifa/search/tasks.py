"""The index's jobs, run by the job worker."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from sahifa.search import documents


@db_task()
def index_articles(article_ids: list[int]) -> None:
    documents.index(article_ids)


@db_task()
def remove_articles(article_ids: list[int]) -> None:
    documents.remove(article_ids)
