"""When an article is published, updated, unpublished, imported or deleted, a job
brings the similar lists up to date once the change is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

# Saves touching only these fields (revisions, locks, counters) change nothing we index.
_BOOKKEEPING = frozenset(
    {
        "latest_revision", "has_unpublished_changes", "draft_title", "live_revision",
        "locked", "locked_at", "locked_by", "view_count", "last_published_at",
    }
)  # fmt: skip


def _saved(sender: Any, instance: Any, update_fields: Any = None, raw: bool = False, **kw: Any):
    if raw or (update_fields and set(update_fields) <= _BOOKKEEPING):
        return
    from sahifa.related.tasks import refresh_similar

    pk = instance.pk
    transaction.on_commit(lambda: refresh_similar(pk))


def _deleting(sender: Any, instance: Any, **kw: Any) -> None:
    from sahifa.related.models import SimilarItem
    from sahifa.related.tasks import recompute_lists

    listing = list(
        SimilarItem.objects.filter(similar_id=instance.pk)
        .exclude(article_id=instance.pk)
        .values_list("article_id", flat=True)
    )
    if listing:
        transaction.on_commit(lambda: recompute_lists(listing))


# From this many articles in one import run, rebuilding their languages is cheaper than
# refreshing each article and the lists around it.
BULK_IMPORT = 100


def _imported(sender: Any, article_ids: list[int], **kw: Any) -> None:
    """Imports send no post_save; the importer says which articles it wrote, committed."""
    from sahifa.articles.models import Article
    from sahifa.related.tasks import rebuild_languages, refresh_similar

    ids = list(article_ids)
    if len(ids) < BULK_IMPORT:
        for pk in ids:
            refresh_similar(pk)
        return
    locale_ids = Article.objects.filter(pk__in=ids).values_list("locale_id", flat=True)
    rebuild_languages(sorted(set(locale_ids)))


def connect() -> None:
    from sahifa.articles.models import Article
    from sahifa.interchange.signals import articles_imported

    articles_imported.connect(_imported, dispatch_uid="related_articles_imported")
    post_save.connect(_saved, sender=Article, dispatch_uid="related_article_saved")
    pre_delete.connect(_deleting, sender=Article, dispatch_uid="related_article_deleting")
