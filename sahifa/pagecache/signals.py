"""Purges on change events (connected in `apps`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

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


def everything() -> list[str]:
    """Every page of every language."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [key(code) for code in codes for key in (keys.language, keys.feeds, keys.sitemap)]


def purge_everything(**_kwargs: Any) -> None:
    transaction.on_commit(lambda: purge.purge(everything()))


# What every page depends on: the site, its home pages (titles, view restrictions) and
# languages. Saved by the setup and by an administrator, rarely.
SITE_MODELS = (
    "pages.HomePage",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
)


def connect_site_changes() -> None:
    for label in SITE_MODELS:
        uid = f"pagecache-site-{label}"
        post_save.connect(purge_everything, sender=label, dispatch_uid=f"{uid}-save")
        post_delete.connect(purge_everything, sender=label, dispatch_uid=f"{uid}-delete")


def settings_changed(setting: str, **kwargs: Any) -> None:
    if setting == "SAHIFA_PAGE_PURGERS":
        purge.purgers.cache_clear()
