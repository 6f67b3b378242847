"""Saving (or importing) an Uzbek Latin article or category keeps its Cyrillic version
in step."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from sahifa.articles.models import Article, Category
from sahifa.languages import sync

# Saves that only touch other fields (view counts, revision bookkeeping) change nothing
# the Cyrillic version is made from.
_WATCHED = {
    Article: {
        *sync.TEXT_FIELDS[Article],
        *sync.COPIED_FIELDS[Article],
        "live",
        "category",
        "image",
    },
    Category: {*sync.TEXT_FIELDS[Category], *sync.COPIED_FIELDS[Category]},
}


def latin_saved(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and not set(update_fields) & _WATCHED[sender]:
        return
    sync.sync_after_commit(instance)


def articles_imported(sender: type, article_ids: list[int], **kwargs: Any) -> None:
    """Imported Uzbek Latin articles get Cyrillic versions from a job, unless the import
    brought Uzbek Cyrillic articles of its own (a feed that writes both scripts)."""
    if not sync.enabled():
        return
    languages = set(
        Article.objects.filter(pk__in=article_ids).values_list("locale__language_code", flat=True)
    )
    if sync.LATIN in languages and sync.CYRILLIC not in languages:
        from sahifa.languages.tasks import sync_cyrillic_of

        sync_cyrillic_of(list(article_ids))


def connect() -> None:
    from sahifa.interchange.signals import articles_imported as imported

    for model in _WATCHED:
        post_save.connect(latin_saved, sender=model, dispatch_uid=f"languages-{model.__name__}")
    imported.connect(articles_imported, dispatch_uid="languages-imported")
