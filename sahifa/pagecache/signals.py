"""Purges on change events (connected in `apps`)."""

from __future__ import annotations

from typing import Any

from sahifa.articles.events import ARTICLE, PUBLIC, ChangeEvent
from sahifa.articles.models import Article
from sahifa.pagecache import keys, purge


def categories_of(event: ChangeEvent) -> dict[int, int]:
    """The category of each changed article that still exists (one query)."""
    ids = event.ids(ARTICLE, PUBLIC)
    if not ids:
        return {}
    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "category_id"))


def purge_on_change(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    purge.purge(keys.keys_of_event(event, categories_of(event)))


def settings_changed(setting: str, **kwargs: Any) -> None:
    if setting == "SAHIFA_PAGE_PURGERS":
        purge.purgers.cache_clear()
