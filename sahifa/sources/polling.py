"""Polling: the due sources claimed (one poll of a source at a time, whatever the number
of workers), their feeds fetched together (one slow server costs only its own deadline),
read, and their new items taken; each source's health and next poll recorded.

    results = poll_due()                 # the periodic job
    results = poll([source], force=True) # `sahifa sources poll`
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sahifa.core import outbound
from sahifa.sources import readers, taking
from sahifa.sources.items import Refused, prepare
from sahifa.sources.models import MAX_BACKOFF, Source

logger = logging.getLogger(__name__)
# How long a poll holds its source: longer than any fetch and write.
LEASE = timedelta(minutes=10)


def deadline() -> float:
    return float(getattr(settings, "SAHIFA_SOURCES_TIMEOUT", 10))


def max_bytes() -> int:
    return int(getattr(settings, "SAHIFA_SOURCES_MAX_BYTES", 5 * 1024 * 1024))


@dataclass
class Result:
    source: Source
    unchanged: bool = False
    error: str = ""
    outcome: taking.Outcome = field(default_factory=taking.Outcome)

    def summary(self) -> str:
        if self.error:
            return _("failed: %(error)s") % {"error": self.error}
        if self.unchanged:
            return _("unchanged")
        o = self.outcome
        return _("%(new)d new: %(taken)d taken, %(duplicates)d duplicates, %(failed)d failed") % {
            "new": o.new, "taken": o.taken, "duplicates": o.duplicates, "failed": o.failed
        }  # fmt: skip


def due(now: datetime | None = None) -> list[Source]:
    now = now or timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return list(Source.objects.filter(free, enabled=True, next_poll_at__lte=now))


def claim(sources: list[Source], now: datetime) -> list[Source]:
    """Hold the sources for this poll: one atomic update, which only one poll wins for
    each source; the sources this poll won."""
    token = uuid.uuid4().hex
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    ids = [s.pk for s in sources]
    Source.objects.filter(free, pk__in=ids).update(claimed_until=now + LEASE, claim=token)
    won = set(Source.objects.filter(pk__in=ids, claim=token).values_list("pk", flat=True))
    held = [s for s in sources if s.pk in won]
    for source in held:
        source.claim = token
    return held


def poll_due() -> list[Result]:
    return poll(due())


def poll(sources: list[Source], *, force: bool = False) -> list[Result]:
    """Poll ``sources`` (only those no other poll holds); ``force`` ignores the
    validators of the last answer, so the whole feed is read again."""
    now = timezone.now()
    held = claim(sources, now)
    if not held:
        return []
    requests = [
        outbound.Request(s.url, deadline(), max_bytes(), headers=_headers(s, force)) for s in held
    ]
    answers = outbound.fetch_many(requests)
    index = taking.LazyIndex()  # read only when a feed brings something (a 304 does not)
    results = []
    for source, answer in zip(held, answers, strict=True):
        try:
            results.append(_handle(source, answer, index))
        except Exception as exc:  # noqa: BLE001 - one source's fault must not stop the others
            logger.exception("polling %s failed", source.name)
            results.append(_failed(source, _("internal error: %(error)s") % {"error": exc}))
    return results


def _headers(source: Source, force: bool) -> dict[str, str]:
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
        "application/json, application/xml;q=0.9, */*;q=0.8"
    }
    if not force and source.etag:
        headers["If-None-Match"] = source.etag
    if not force and source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return headers


def _handle(
    source: Source, answer: outbound.Answer | outbound.FetchError, index: taking.LazyIndex
) -> Result:
    if isinstance(answer, outbound.FetchError):
        return _failed(source, answer.message)
    if answer.status == 304:
        _succeeded(source, answer, [])
        return Result(source, unchanged=True)
    if answer.status != 200:
        return _failed(source, _("the server answered HTTP %(status)d") % {"status": answer.status})
    try:
        reading = readers.read(source.kind, answer.content, answer.headers.get("Content-Type", ""))
    except readers.Unreadable as exc:
        return _failed(source, exc.reason)
    notes = list(reading.notes)
    candidates = []
    for entry in reading.entries:
        try:
            candidates.append(prepare(source, entry, answer.url, reading.language))
        except Refused as exc:
            notes.append(exc.reason)
    taking.settle_stale(source)
    outcome = taking.take(source, candidates, index)
    outcome.notes = notes + outcome.notes
    _succeeded(source, answer, outcome.notes)
    return Result(source, outcome=outcome)


def _update(source: Source, **fields: object) -> None:
    """Write the poll's result while this poll still holds the source, and release it."""
    fields.update(claimed_until=None, claim="", last_polled_at=timezone.now())
    Source.objects.filter(pk=source.pk, claim=source.claim).update(**fields)
    for name, value in fields.items():
        setattr(source, name, value)


def _succeeded(source: Source, answer: outbound.Answer, notes: list[str]) -> None:
    for note in notes:
        logger.warning("source %s: %s", source.name, note)
    now = timezone.now()
    fields: dict[str, object] = {
        "last_success_at": now, "last_error": "", "failures": 0,
        "next_poll_at": now + source.interval,
    }  # fmt: skip
    if answer.status == 200:
        fields["last_notes"] = "\n".join(notes)[:10_000]
        fields["etag"] = answer.headers.get("ETag", "")[:500]
        fields["last_modified"] = answer.headers.get("Last-Modified", "")[:100]
    _update(source, **fields)


def _failed(source: Source, error: str) -> Result:
    failures = source.failures + 1
    logger.warning("source %s failed (%d in a row): %s", source.name, failures, error)
    _update(
        source,
        last_error=error,
        failures=failures,
        next_poll_at=timezone.now() + backoff(source.interval, failures),
    )
    return Result(source, error=error)


def backoff(interval: timedelta, failures: int) -> timedelta:
    """The wait after ``failures`` failures in a row: doubling, at most an hour (never
    less than the source's own interval)."""
    wait = interval * 2 ** min(failures, 10)
    return max(interval, min(wait, MAX_BACKOFF))
