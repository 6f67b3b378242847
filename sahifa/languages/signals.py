"""Uzbek Latin articles and categories that change get their Cyrillic editions written
by a job (`tasks.sync_cyrillic_of`), whoever changed them: the newsroom, an import, a
scheduled publish."""

from __future__ import annotations

from typing import Any

from sahifa.articles import actions
from sahifa.articles.events import ARTICLE, CATEGORY, Action, ChangeEvent, content_changed
from sahifa.languages import sync


def latin_changed(sender: Any, event: ChangeEvent, **kwargs: Any) -> None:
    """Queue the Cyrillic editions of the Latin items an event names, unless the same
    write brought Cyrillic articles of its own (a feed that writes both scripts)."""
    if not sync.enabled() or event.via == actions.CYRILLIC:
        return
    if sync.CYRILLIC in event.languages(ARTICLE, public=False):
        return
    from sahifa.languages.tasks import sync_cyrillic_of

    for kind in (CATEGORY, ARTICLE):
        latin = [
            c for c in event.of(kind) if c.language == sync.LATIN and c.action is not Action.DELETED
        ]
        drafts = [c.pk for c in latin if c.action is Action.DRAFTED]
        others = [c.pk for c in latin if c.action is not Action.DRAFTED]
        for ids, draft in ((others, False), (drafts, True)):
            if ids:
                sync_cyrillic_of(kind, ids, draft)


def connect() -> None:
    content_changed.connect(latin_changed, dispatch_uid="languages-latin-changed")
