"""Change events: after a write of articles or categories commits, one `ChangeEvent`
says which items changed, in which languages, and how.

Only the write path (`actions`) records changes. Apps that keep something derived from
articles (cached blocks, similar news, Cyrillic editions, and later the search index,
feeds, page-cache purges, Telegram) connect to `content_changed` in their own
`AppConfig.ready()`:

    from sahifa.articles.events import content_changed

    def on_change(sender, event, **kwargs):
        for language in event.languages():
            ...

    content_changed.connect(on_change, dispatch_uid="myapp-content-changed")

Receivers run after the commit, in the process that wrote; a receiver that raises is
logged and the others still run. Work that takes more than a few milliseconds belongs
in a job the receiver queues.

A run of writes inside `batch()` (an import, an admin request that saves and then
publishes, a job that writes Cyrillic editions) sends one event for all of them.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger(__name__)


class Action(StrEnum):
    """How an item changed, as readers see it."""

    PUBLISHED = "published"  # now live, was not
    UPDATED = "updated"  # was live, still live, what readers see changed
    UNPUBLISHED = "unpublished"  # was live, is not (withdrawn or expired)
    DELETED = "deleted"
    DRAFTED = "drafted"  # saved without changing what readers see (a draft, a schedule)


ARTICLE, CATEGORY = "article", "category"
# What readers see changed: caches and lists care about these.
PUBLIC = frozenset({Action.PUBLISHED, Action.UPDATED, Action.UNPUBLISHED, Action.DELETED})


@dataclass(frozen=True)
class Change:
    """One item's change."""

    kind: str  # ARTICLE or CATEGORY
    pk: int
    language: str  # the item's language code
    action: Action
    translation_key: uuid.UUID | None = None


@dataclass(frozen=True)
class ChangeEvent:
    """What one write (or one batch of writes) changed; ``via`` says who wrote:
    "admin", "import", "cyrillic", "schedule", "demo", "shell", "wagtail"."""

    changes: tuple[Change, ...]
    via: str

    def of(self, kind: str, actions: Iterable[Action] | None = None) -> list[Change]:
        wanted = set(actions) if actions is not None else set(Action)
        return [c for c in self.changes if c.kind == kind and c.action in wanted]

    def ids(self, kind: str, actions: Iterable[Action] | None = None) -> list[int]:
        return [c.pk for c in self.of(kind, actions)]

    def languages(self, kind: str | None = None, public: bool = True) -> set[str]:
        """Languages whose readers see a change (any change with ``public=False``)."""
        return {
            c.language
            for c in self.changes
            if (kind is None or c.kind == kind) and (not public or c.action in PUBLIC)
        }


# Sent (sender=ChangeEvent, event=ChangeEvent) once the write has committed.
content_changed = Signal()


@dataclass
class _Batch:
    via: str
    changes: dict[tuple[str, int], Change] = field(default_factory=dict)

    def add(self, changes: Iterable[Change]) -> None:
        for change in changes:
            key = (change.kind, change.pk)
            earlier = self.changes.pop(key, None)
            self.changes[key] = merged(earlier, change)


def merged(earlier: Change | None, later: Change) -> Change:
    """One item changed twice in a batch: what the two changes add up to for readers."""
    if earlier is None or later.action is Action.DELETED:
        return later
    if later.action is Action.DRAFTED and earlier.action is not Action.DRAFTED:
        return earlier  # published, then a draft saved: readers saw the publish
    if earlier.action is Action.PUBLISHED and later.action is Action.UPDATED:
        return earlier  # new to readers either way
    return later


_batch: ContextVar[_Batch | None] = ContextVar("articles_event_batch", default=None)


def record(changes: Iterable[Change], via: str) -> None:
    """Send an event for ``changes`` once the current transaction commits (nothing if
    it rolls back); inside `batch()`, add them to the batch's event."""
    changes = list(changes)
    if not changes:
        return
    current = _batch.get()
    if current is not None:
        transaction.on_commit(lambda: current.add(changes))
    else:
        transaction.on_commit(lambda: send(ChangeEvent(tuple(changes), via)))


@contextmanager
def batch(via: str) -> Iterator[None]:
    """One event for every change committed inside this block (sent when it ends, or
    when the transaction around it commits)."""
    if _batch.get() is not None:
        yield  # already batching: the outer batch sends
        return
    current = _Batch(via)
    token = _batch.set(current)
    try:
        yield
    finally:
        _batch.reset(token)
        # Also after an error: what committed inside the block is still told. Callbacks
        # registered inside the block run, in order, before this one.
        transaction.on_commit(lambda: _send_batch(current))


def _send_batch(current: _Batch) -> None:
    if current.changes:
        send(ChangeEvent(tuple(current.changes.values()), current.via))


def send(event: ChangeEvent) -> None:
    for receiver, result in content_changed.send_robust(sender=ChangeEvent, event=event):
        if isinstance(result, Exception):
            log.error(
                "%s failed on a change event", receiver, exc_info=(type(result), result, None)
            )
