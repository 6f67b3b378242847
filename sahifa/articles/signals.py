"""What the articles app does on its own change events, and the changes Wagtail makes by
itself, outside `actions` (a workflow's approval, a bulk delete in the admin,
wagtail-localize's sync), turned into the same events."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from sahifa.articles import actions
from sahifa.articles.events import CATEGORY, Action, ChangeEvent, content_changed, record
from sahifa.articles.models import Article, Category
from sahifa.core import blocks

WAGTAIL = "wagtail"
# Saves that touch only these fields (locks, revision bookkeeping) change nothing shown.
BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "draft_title", "live_revision",
     "locked", "locked_at", "locked_by", "view_count"}
)  # fmt: skip


def renew_blocks(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    """Lists and cards of the languages whose readers see a change are built again;
    a category's change renews its language's sections too."""
    scopes = [f"articles:{code}" for code in event.languages()]
    scopes += [f"categories:{code}" for code in event.languages(CATEGORY)]
    blocks.renew(*scopes)


def _outside(handler: Any) -> Any:
    """Only for writes that did not come through `actions` (those record their own)."""

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        if not actions.in_action() and not kwargs.get("raw"):
            handler(instance, **kwargs)

    return receiver


@_outside
def _published(instance: Any, **kwargs: Any) -> None:
    record([actions.change_of(instance, Action.PUBLISHED)], WAGTAIL)


@_outside
def _unpublished(instance: Any, **kwargs: Any) -> None:
    record([actions.change_of(instance, Action.UNPUBLISHED)], WAGTAIL)


@_outside
def _saved(instance: Any, created: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) <= BOOKKEEPING:
        return
    if isinstance(instance, Category):
        action = Action.PUBLISHED if created else Action.UPDATED
    elif created:  # a translation copy, a row made by hand
        action = Action.PUBLISHED if instance.live else Action.DRAFTED
    elif instance.live:
        action = Action.UPDATED
    else:
        return  # a draft (no change for readers) or an unpublish (it sends its own)
    record([actions.change_of(instance, action)], WAGTAIL)


@_outside
def _deleted(instance: Any, **kwargs: Any) -> None:
    record([actions.change_of(instance, Action.DELETED)], WAGTAIL)


def connect() -> None:
    content_changed.connect(renew_blocks, dispatch_uid="articles-renew-blocks")
    published.connect(_published, sender=Article, dispatch_uid="articles-wagtail-published")
    unpublished.connect(_unpublished, sender=Article, dispatch_uid="articles-wagtail-unpublished")
    for model in (Article, Category):
        name = model.__name__
        post_save.connect(_saved, sender=model, dispatch_uid=f"articles-wagtail-saved-{name}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"articles-wagtail-del-{name}")
