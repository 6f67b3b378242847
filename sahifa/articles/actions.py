"""The write path: the only code that creates, edits, publishes, unpublishes, schedules,
deletes or bulk-imports articles and categories.

The newsroom (its views, `wagtail_hooks.py`), the importer, the Cyrillic editions, the
demo loader, the scheduled-publishing job and the view-count flush all call these
functions. Each one writes through Wagtail's own machinery where Wagtail has it
(revisions, publishing, history) and records what changed for readers; once the write
commits, `events.content_changed` tells every app that follows it (see `events`).

    revision = actions.save_draft(article, user=editor, via=actions.ADMIN)
    actions.publish(revision, user=editor, via=actions.ADMIN)

Wagtail can still change an article by itself (a workflow's approval, a bulk delete in
the admin, wagtail-localize's sync): `signals.py` turns those into the same events.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import Locale, Revision

from sahifa.articles.bulk.fields import Lookups
from sahifa.articles.bulk.writing import NewArticle, create_articles, update_articles
from sahifa.articles.events import ARTICLE, CATEGORY, Action, Change, batch, record
from sahifa.articles.indexing import index_imported
from sahifa.articles.models import Article, Category, CreationKey

# Who writes: the `via` of the change event.
ADMIN, IMPORT, CYRILLIC, SCHEDULE, DEMO, SHELL = (
    "admin", "import", "cyrillic", "schedule", "demo", "shell"
)  # fmt: skip

T = TypeVar("T")
_acting: ContextVar[bool] = ContextVar("articles_acting", default=False)


def in_action() -> bool:
    """True while a function of this module writes (Wagtail's signals then are ours)."""
    return _acting.get()


@contextmanager
def _action() -> Iterator[None]:
    token = _acting.set(True)
    try:
        yield
    finally:
        _acting.reset(token)


# --- What changed ----------------------------------------------------------------------
def _languages() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


def change_of(item: Model, action: Action, languages: dict[int, str] | None = None) -> Change:
    """The `Change` of one article or category."""
    languages = languages or _languages()
    kind = ARTICLE if isinstance(item, Article) else CATEGORY
    locale_id: int = item.locale_id  # type: ignore[attr-defined]
    key = getattr(item, "translation_key", None)
    assert item.pk is not None
    return Change(kind, item.pk, languages[locale_id], action, key)


def article_action(was_live: bool, is_live: bool) -> Action:
    if is_live:
        return Action.UPDATED if was_live else Action.PUBLISHED
    return Action.UNPUBLISHED if was_live else Action.DRAFTED


def _is_live(article: Article) -> bool:
    return Article.objects.filter(pk=article.pk, live=True).exists()


# --- Articles and categories, one at a time ---------------------------------------------
class AlreadyCreated(Exception):
    """The form's key names an article another request of the same form created."""

    def __init__(self, article_id: int) -> None:
        super().__init__(article_id)
        self.article_id = article_id


def created_by(key: uuid.UUID) -> int | None:
    """The id of the article the form with ``key`` created, if it did."""
    return CreationKey.objects.filter(key=key).values_list("article_id", flat=True).first()


def save_from_form(save: Callable[[], T], *, via: str, creation_key: uuid.UUID | None = None) -> T:
    """Run the newsroom's own save of a form (Wagtail's: the row when it may change, a
    revision, the history entry) as a write of this path; returns what ``save`` returns,
    the saved article or category.

    ``creation_key`` (a create form's) claims the new article for its form; when the
    same form created one meanwhile, raises `AlreadyCreated` and the write rolls back
    with the caller's transaction (the caller edits that article instead)."""
    with _action(), transaction.atomic():
        item = save()
        if creation_key is not None:
            _claim(creation_key, item)  # type: ignore[arg-type]
    _record_saved(item, via)  # type: ignore[arg-type]
    return item


def _claim(key: uuid.UUID, article: Article) -> None:
    try:
        # Its own savepoint: the failed insert must not spoil the caller's transaction
        # before AlreadyCreated unwinds it.
        with transaction.atomic():
            CreationKey.objects.create(key=key, article=article)
    except IntegrityError:
        raise AlreadyCreated(created_by(key) or 0) from None


def _record_saved(item: Article | Category, via: str, created: bool = False) -> None:
    if isinstance(item, Article):
        # A saved draft or a new article: readers see nothing yet. Publishing says more.
        action = Action.DRAFTED if not item.live else Action.UPDATED
    else:
        action = Action.PUBLISHED if created else Action.UPDATED  # categories are live
    record([change_of(item, action)], via)


def save_draft(
    article: Article, *, via: str, user: Any = None, clean: bool = True, log_action: bool = False
) -> Revision:
    """Save the article's content as its latest revision (and the row of an article that
    is new or not live, which carries its content); what readers see stays as it was."""
    with _action(), transaction.atomic():
        if article.pk is None or not article.live:
            article.save()
        revision = article.save_revision(user=user, clean=clean, log_action=log_action)
    record([change_of(article, Action.DRAFTED)], via)
    return revision


def publish(
    revision: Revision,
    *,
    via: str,
    user: Any = None,
    first_published_at: datetime | None = None,
    log_action: bool | str = True,
) -> None:
    """Publish a revision: live now, or scheduled when its go-live time is ahead.
    ``first_published_at`` keeps a time the article was first published elsewhere
    (a Cyrillic edition takes its Latin version's)."""
    with _action(), transaction.atomic():
        if first_published_at is not None:
            revision.content["first_published_at"] = first_published_at
            revision.save(update_fields=["content"])
        article = revision.as_object()
        was_live = _is_live(article)
        revision.publish(user=user, log_action=log_action, skip_permission_checks=True)
        action = article_action(was_live, _is_live(article))
    record([change_of(article, action)], via)


def unpublish(
    article: Article,
    *,
    via: str,
    user: Any = None,
    set_expired: bool = False,
    log_action: bool | str = True,
) -> None:
    """Take the article off the site (its page answers 404)."""
    with _action(), transaction.atomic():
        was_live = _is_live(article)
        UnpublishAction(article, set_expired=set_expired, user=user, log_action=log_action).execute(
            skip_permission_checks=True
        )
    if was_live:
        record([change_of(article, Action.UNPUBLISHED)], via)


def save_category(category: Category, *, via: str, user: Any = None) -> Category:
    """Create or edit a category (categories have no drafts: readers see it at once)."""
    created = category.pk is None
    with _action(), transaction.atomic():
        category.save()
        log(instance=category, action="wagtail.create" if created else "wagtail.edit", user=user)
    _record_saved(category, via, created=created)
    return category


def delete(items: Sequence[Article | Category], *, via: str, user: Any = None) -> None:
    """Delete articles or categories (a category still used by articles is protected)."""
    languages = _languages()
    changes = [change_of(item, Action.DELETED, languages) for item in items]
    with _action(), transaction.atomic():
        for item in items:
            log(instance=item, action="wagtail.delete", user=user)
            item.delete()
    record(changes, via)


def set_translation_key(article: Article, key: uuid.UUID, *, via: str) -> None:
    """Link the article to the translations that have ``key`` (its latest revision
    too, so reverting to it keeps the link)."""
    with _action(), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(translation_key=key)
        article.translation_key = key
        revision = Revision.objects.filter(pk=article.latest_revision_id).first()
        if revision is not None:
            revision.content["translation_key"] = str(key)
            revision.save(update_fields=["content"])
    action = Action.UPDATED if article.live else Action.DRAFTED
    record([change_of(article, action)], via)


# --- Many at once ----------------------------------------------------------------------
def import_articles(items: list[NewArticle], lookups: Lookups, *, new: bool) -> None:
    """Write a run of imported articles in the caller's transaction: new ones (no uri of
    theirs exists) or updates. Tells the change once the run commits and queues the
    search and reference indexing a save would have done."""
    with _action():
        if new:
            written = [(article, False) for article in create_articles(items, lookups)]
        else:
            written = update_articles(items, lookups)
    languages = {locale.pk: code for code, locale in lookups.locales.items()}
    changes = [
        change_of(article, article_action(was_live, article.live), languages)
        for article, was_live in written
    ]
    changes += [change_of(c, Action.PUBLISHED, languages) for c in lookups.new_categories]
    record(changes, IMPORT)
    ids = [article.pk for article, _ in written]
    transaction.on_commit(lambda: index_imported(ids))


def publish_due(now: datetime | None = None) -> int:
    """Publish the articles whose go-live time has come; returns how many."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(Article)
    due = Revision.objects.filter(content_type=content_type, approved_go_live_at__lt=now)
    revisions = list(due.order_by("approved_go_live_at"))
    with batch(SCHEDULE):
        for revision in revisions:
            publish(revision, via=SCHEDULE, log_action="wagtail.publish.scheduled")
    return len(revisions)


def expire_due(now: datetime | None = None) -> int:
    """Unpublish the live articles whose expiry time has passed; returns how many."""
    now = now or timezone.now()
    expired = list(Article.objects.filter(live=True, expire_at__lt=now).order_by("expire_at"))
    with batch(SCHEDULE):
        for article in expired:
            unpublish(
                article, via=SCHEDULE, set_expired=True, log_action="wagtail.unpublish.scheduled"
            )
    return len(expired)


def add_views(totals: dict[int, int]) -> None:
    """Add counted views to the articles' totals. Not a change readers see on a page
    (Most read reads the daily counts), so no event."""
    with _action():
        for article_id, views in totals.items():
            Article.objects.filter(pk=article_id).update(view_count=F("view_count") + views)
