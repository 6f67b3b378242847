"""Articles that are published, edited, withdrawn or deleted: their Telegram posts
follow, in jobs (`tasks`). Nothing is queued when Telegram is not configured, or for
articles that have nothing to do with it (a language without a channel, an article
never posted), so ordinary writes queue no Telegram job."""

from __future__ import annotations

from typing import Any

from sahifa.articles.events import ARTICLE, Action, ChangeEvent, content_changed
from sahifa.telegram import config, posting


def articles_changed(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    settings = config.current()
    if settings is None:
        return
    from sahifa.telegram import tasks

    new = [c.pk for c in event.of(ARTICLE, [Action.PUBLISHED]) if c.language in settings.channels]
    for article_id in posting.postable(new, settings.channels) if new else []:
        tasks.post_to_telegram(article_id)
    edited = event.ids(ARTICLE, [Action.UPDATED])
    for article_id in sorted(posting.posted(edited, editable=True)) if edited else []:
        tasks.edit_telegram_post(article_id)
    gone = event.ids(ARTICLE, [Action.UNPUBLISHED, Action.DELETED])
    for article_id in sorted(posting.posted(gone)) if gone else []:
        tasks.delete_telegram_post(article_id)


def connect() -> None:
    content_changed.connect(articles_changed, dispatch_uid="telegram-articles-changed")
