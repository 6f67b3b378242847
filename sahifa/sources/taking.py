"""Candidates to items and articles: each item claimed once (the database's unique key
on source and item key decides between overlapping polls), duplicates marked, the rest
written as articles by the importer (the write path), drafts or published by the
source's choice.

The importer writes each run in one transaction (a bad item fails alone); the items'
rows then record what became of them. A poll that dies in between leaves claimed rows,
which the next poll settles (`settle_stale`).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sahifa.articles import actions, events
from sahifa.articles.models import Article
from sahifa.interchange.importer import import_ninjs
from sahifa.sources import dupes, fulltext
from sahifa.sources.items import Candidate
from sahifa.sources.models import ItemState, Source, SourceItem

logger = logging.getLogger(__name__)
# Items seen within this long are compared for near-duplicates.
DUPLICATE_WINDOW = timedelta(hours=48)
# A claim this old belongs to a poll that died.
STALE_CLAIM = timedelta(minutes=15)


@dataclass
class Outcome:
    new: int = 0
    taken: int = 0
    duplicates: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)


def recent_index() -> dupes.Index:
    since = timezone.now() - DUPLICATE_WINDOW
    rows = (
        SourceItem.objects.filter(seen_at__gte=since)
        .exclude(state__in=[ItemState.FAILED, ItemState.DUPLICATE, ItemState.CLAIMED])
        .order_by("seen_at", "pk")
        .values_list("pk", "source_id", "signature")
    )
    return dupes.Index((pk, source_id, bytes(sig)) for pk, source_id, sig in rows.iterator())


class LazyIndex:
    """The recent items' signatures, read from the database on first use."""

    def __init__(self) -> None:
        self._index: dupes.Index | None = None

    def get(self) -> dupes.Index:
        if self._index is None:
            self._index = recent_index()
        return self._index


def take(source: Source, candidates: list[Candidate], index: dupes.Index | LazyIndex) -> Outcome:
    """Claim, sort and write the candidates that are new to this source."""
    outcome = Outcome()
    if isinstance(index, LazyIndex):
        index = index.get()
    known = set(
        SourceItem.objects.filter(source=source, key__in=[c.key for c in candidates]).values_list(
            "key", flat=True
        )
    )
    fresh = list({c.key: c for c in candidates if c.key not in known}.values())
    if source.full_text:
        fulltext.fill(fresh)  # pages of new items only, before any row is written
    mine = _claim(source, fresh)
    outcome.new = len(mine)
    writing: list[tuple[SourceItem, Candidate]] = []
    for item, candidate in mine:
        outcome.notes += candidate.notes
        original = index.first_match(source.pk, bytes(item.signature))
        if original is not None:
            _mark_duplicate(item, original)
            outcome.duplicates += 1
        else:
            writing.append((item, candidate))
    with events.batch(actions.IMPORT):
        _write(source, writing, outcome)
    for item, _candidate in writing:
        if item.state != ItemState.FAILED:
            index.add(item.pk, source.pk, bytes(item.signature))
    Source.objects.filter(pk=source.pk).update(
        items_seen=F("items_seen") + outcome.new, items_taken=F("items_taken") + outcome.taken
    )
    return outcome


def _claim(source: Source, fresh: list[Candidate]) -> list[tuple[SourceItem, Candidate]]:
    """Rows for the new candidates; those another poll inserted first are not ours."""
    token = uuid.uuid4().hex
    rows = [
        SourceItem(
            source=source,
            key=c.key,
            guid=c.guid,
            link=c.link,
            headline=c.headline,
            language=c.language,
            published_at=c.published_at,
            payload=c.payload,
            signature=dupes.signature(c.language, c.text),
            claim=token,
        )
        for c in fresh
    ]
    SourceItem.objects.bulk_create(rows, ignore_conflicts=True)
    by_key = {c.key: c for c in fresh}
    mine = SourceItem.objects.filter(source=source, claim=token, state=ItemState.CLAIMED)
    return [(item, by_key[item.key]) for item in mine.order_by("published_at", "pk")]


def _mark_duplicate(item: SourceItem, original: int) -> None:
    item.state, item.duplicate_of_id = ItemState.DUPLICATE, original
    item.save(update_fields=["state", "duplicate_of"])


def _write(source: Source, writing: list[tuple[SourceItem, Candidate]], outcome: Outcome) -> None:
    if not writing:
        return
    lines = [json.dumps(c.payload, ensure_ascii=False) for _item, c in writing]
    report = import_ninjs(lines, source=source.name)
    errors = {e.line: e.reason for e in report.errors}
    outcome.notes += [f"{writing[w.line - 1][1].headline}: {w.reason}" for w in report.warnings]
    articles = dict(
        Article.objects.filter(uri__in=[c.payload["uri"] for _i, c in writing]).values_list(
            "uri", "pk"
        )
    )
    state = ItemState.PUBLISHED if source.publish else ItemState.QUEUED
    with transaction.atomic():
        for number, (item, candidate) in enumerate(writing, start=1):
            if number in errors or candidate.payload["uri"] not in articles:
                item.state = ItemState.FAILED
                item.problem = errors.get(number, _("not written"))
                outcome.failed += 1
                outcome.notes.append(f"{candidate.headline}: {item.problem}")
            else:
                item.state, item.article_id = state, articles[candidate.payload["uri"]]
                outcome.taken += 1
            item.save(update_fields=["state", "article", "problem"])


def settle_stale(source: Source) -> None:
    """Claims left by a poll that died: an item whose article was written is linked to
    it; one without is forgotten, so the next poll takes it again."""
    stale = SourceItem.objects.filter(
        source=source, state=ItemState.CLAIMED, seen_at__lt=timezone.now() - STALE_CLAIM
    )
    state = ItemState.PUBLISHED if source.publish else ItemState.QUEUED
    for item in stale:
        article = Article.objects.filter(uri=item.payload.get("uri", "")).first()
        if article is None:
            item.delete()
        else:
            item.state, item.article = state, article
            item.save(update_fields=["state", "article"])


def take_now(item: SourceItem) -> Article | None:
    """An editor takes a waiting item: its draft, written now for a duplicate (or a
    draft deleted meanwhile). None, with ``item.problem`` set, when it cannot be written."""
    article = item.article
    if article is None:
        payload = {**item.payload, "pubstatus": "withheld"}
        payload.pop("firstcreated", None)
        report = import_ninjs([json.dumps(payload, ensure_ascii=False)], source=item.source.name)
        article = Article.objects.filter(uri=payload["uri"]).first()
        if article is None:
            item.problem = report.errors[0].reason if report.errors else _("not written")
            item.save(update_fields=["problem"])
            return None
    item.state, item.article = ItemState.TAKEN, article
    item.save(update_fields=["state", "article"])
    return article
