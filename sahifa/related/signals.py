"""Similar lists follow the change events of articles: one job per event, after commit."""

from __future__ import annotations

from typing import Any

from sahifa.articles.events import ARTICLE, PUBLIC, Action, ChangeEvent, content_changed

# From this many articles in one event (a large import), rebuilding their languages is
# cheaper than refreshing each article and the lists around it.
BULK_IMPORT = 100


def articles_changed(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    from sahifa.related.tasks import rebuild_languages, refresh_similar_of

    changed = event.of(ARTICLE, PUBLIC)
    if not changed:
        return  # drafts and schedules change no list
    if len(changed) >= BULK_IMPORT:
        rebuild_languages(sorted({c.language for c in changed}))
        return
    deleted = [c.pk for c in changed if c.action is Action.DELETED]
    refresh_similar_of([c.pk for c in changed if c.action is not Action.DELETED], deleted)


def connect() -> None:
    content_changed.connect(articles_changed, dispatch_uid="related-articles-changed")
