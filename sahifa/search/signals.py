"""The index follows the change events of articles: one job per event, after commit.
Drafts are indexed too (the newsroom finds them); readers' results are checked against
the database, so what is not published never shows, even before the job has run."""

from __future__ import annotations

from typing import Any

from sahifa.articles.events import ARTICLE, Action, ChangeEvent, content_changed


def articles_changed(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    from sahifa.search import tasks

    changed = event.of(ARTICLE)
    kept = [c.pk for c in changed if c.action is not Action.DELETED]
    gone = [c.pk for c in changed if c.action is Action.DELETED]
    if kept:
        tasks.index_articles(kept)
    if gone:
        tasks.remove_articles(gone)


def connect() -> None:
    content_changed.connect(articles_changed, dispatch_uid="search-articles-changed")
