"""An article published or changed gets its picture's social and structured-data sizes
made by a job, so its first reader does not wait for them (about 0.2 s for a large
picture); a reader who comes first makes them, as for any size."""

from __future__ import annotations

from typing import Any

from sahifa.articles.events import ARTICLE, Action, ChangeEvent, content_changed

SHOWN = (Action.PUBLISHED, Action.UPDATED)


def articles_changed(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    from sahifa.social.tasks import make_picture_sizes

    if ids := event.ids(ARTICLE, SHOWN):
        make_picture_sizes(ids)


def connect() -> None:
    content_changed.connect(articles_changed, dispatch_uid="social-articles-changed")
