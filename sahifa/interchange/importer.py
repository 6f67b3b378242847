"""Import ninjs JSON Lines. A bad line is reported with its number and reason and the
other lines go on; no line is ever half-written: lines are written in runs, each run in
one transaction, and a run that fails is written again one line per transaction.

    from sahifa.interchange.importer import import_ninjs
    report = import_ninjs(open("news.jsonl"), source="news.jsonl")
    report.created, report.updated, report.errors, report.ok
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from sahifa.articles import actions, events
from sahifa.articles.bulk.fields import Lookups
from sahifa.articles.bulk.writing import NewArticle
from sahifa.articles.models import Article
from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import BadLine, parse_line
from sahifa.interchange.pictures import (
    FetchedPicture,
    PictureError,
    fetch_picture,
    find_picture,
    store_picture,
)

logger = logging.getLogger(__name__)

DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024
# New articles are written this many at a time (see bulk.py).
RUN_SIZE = 500


def max_line_bytes() -> int:
    return int(getattr(settings, "SAHIFA_IMPORT_MAX_LINE_BYTES", DEFAULT_MAX_LINE_BYTES))


@dataclass(frozen=True)
class LineError:
    """What went wrong (or, as a warning, what was left out) on one line."""

    source: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    source: str = "<stdin>"
    created: int = 0
    updated: int = 0
    errors: list[LineError] = field(default_factory=list)
    warnings: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        return _("imported %(n)d (created %(created)d, updated %(updated)d), failed %(failed)d") % {
            "n": self.imported,
            "created": self.created,
            "updated": self.updated,
            "failed": len(self.errors),
        }


def read_lines(stream: IO[bytes], limit: int | None = None) -> Iterator[bytes]:
    """The lines of a binary stream, each cut to at most ``limit`` + 1 bytes, so one
    enormous line never has to fit in memory (the importer reports it as too long)."""
    limit = limit or max_line_bytes()
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
        yield line


def import_ninjs(
    lines: Iterable[str | bytes], *, source: str = "<stdin>", base_dir: Path | None = None
) -> ImportReport:
    """Import ninjs objects, one per line. Pictures given as file paths are read
    relative to ``base_dir`` (default: the folder of ``source`` when it is a file,
    else the working directory). Apps hear of the whole import in one change event."""
    with events.batch(actions.IMPORT):
        return _import(lines, source, base_dir)


def _import(lines: Iterable[str | bytes], source: str, base_dir: Path | None) -> ImportReport:
    report = ImportReport(source=source)
    if base_dir is None:
        path = Path(source)
        base_dir = path.resolve().parent if path.is_file() else Path.cwd()
    run = _Run(report, Lookups(), base_dir)
    batch: list[Incoming] = []
    uris: set[str] = set()
    for number, line in enumerate(lines, start=1):
        item = run.parse(line, number)
        if item is None:
            continue
        # The same uri twice in one run: the second line updates what the first made.
        if len(batch) >= RUN_SIZE or item.data.uri in uris:
            run.write(batch)
            batch, uris = [], set()
        batch.append(item)
        uris.add(item.data.uri)
    run.write(batch)
    report.errors.sort(key=lambda e: e.line)
    report.warnings.sort(key=lambda e: e.line)
    return report


@dataclass
class Incoming(NewArticle):
    """A line on its way in, with the picture fetched for it (stored with its run)."""

    fetched: FetchedPicture | None = None


class _Run:
    """One import: its report, lookups and picture folder."""

    def __init__(self, report: ImportReport, lookups: Lookups, base_dir: Path) -> None:
        self.report, self.lookups, self.base_dir = report, lookups, base_dir

    def fail(self, number: int, reason: str) -> None:
        self.report.errors.append(LineError(self.report.source, number, reason))

    def parse(self, line: str | bytes, number: int) -> Incoming | None:
        try:
            text = _checked_text(line)
            if not text.strip():
                return None  # blank lines are skipped
            data = parse_line(text)
        except BadLine as exc:
            self.fail(number, exc.reason)
            return None
        except RecursionError:
            self.fail(number, _("the JSON is nested too deeply"))
            return None
        except Exception as exc:  # noqa: BLE001 - any surprise is this line's error alone
            logger.exception("%s:%d could not be read", self.report.source, number)
            self.fail(number, _("could not read: %(error)s") % {"error": type(exc).__name__})
            return None
        return Incoming(line=number, data=data, warnings=list(data.warnings))

    def write(self, batch: list[Incoming]) -> None:
        """New articles in one transaction, existing ones in another; a run that fails
        is written again one line per transaction, so only bad lines fail."""
        if not batch:
            return
        _resolve_pictures(batch, self.base_dir)
        uris = [i.data.uri for i in batch]
        known = set(Article.objects.filter(uri__in=uris).values_list("uri", flat=True))
        for created in (True, False):
            group = [i for i in batch if (i.data.uri in known) != created]
            if group and not self._attempt(group, created):
                for item in group:
                    self._attempt([item], created)

    def _attempt(self, items: list[Incoming], created: bool) -> bool:
        """Write ``items`` in one transaction; False (nothing written) on any error,
        which is the line's error when ``items`` is one line."""
        stored: list[NewsImage] = []
        try:
            with transaction.atomic():
                _relax_durability()
                stored = _store_pictures(items)
                actions.import_articles(list(items), self.lookups, new=created)
        except Exception as exc:  # noqa: BLE001 - one line's failure must not stop the others
            self.lookups.rolled_back()
            _forget_pictures(items, stored)
            if len(items) > 1:
                logger.info("a run of %d lines failed; writing them one by one", len(items))
                return False
            logger.exception("%s:%d could not be saved", self.report.source, items[0].line)
            reason = _("could not save: %(error)s") % {"error": str(exc) or type(exc).__name__}
            self.fail(items[0].line, reason)
            return False
        self.lookups.committed()
        for item in items:
            self._done(item, created)
        return True

    def _done(self, item: NewArticle, created: bool) -> None:
        if created:
            self.report.created += 1
        else:
            self.report.updated += 1
        self.report.warnings.extend(
            LineError(self.report.source, item.line, w) for w in item.warnings
        )


def _checked_text(line: str | bytes) -> str:
    if len(line) > max_line_bytes():
        raise BadLine(_("line is longer than %(limit)d bytes") % {"limit": max_line_bytes()})
    if isinstance(line, bytes):
        try:
            return line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError as exc:
            raise BadLine(_("not UTF-8 text (byte %(pos)d)") % {"pos": exc.start + 1}) from None
    return line


def _resolve_pictures(items: list[Incoming], base_dir: Path) -> None:
    """Each line's picture: one imported before, else its bytes fetched now (outside
    any transaction, once per picture); one that cannot be had is a warning, and the
    article keeps the picture it has."""
    fetched: dict[str, FetchedPicture | str] = {}
    for item in items:
        ref = item.data.picture
        if ref is None:
            continue
        if existing := find_picture(ref):
            item.image = existing
            continue
        if ref.uri not in fetched:
            try:
                fetched[ref.uri] = fetch_picture(ref.href, base_dir)
            except PictureError as exc:
                fetched[ref.uri] = str(exc)
        result = fetched[ref.uri]
        if isinstance(result, str):
            item.keep_image = True
            item.warnings.append(
                _("picture %(href)s left out: %(error)s") % {"href": ref.href, "error": result}
            )
        else:
            item.fetched = result


def _store_pictures(items: list[Incoming]) -> list[NewsImage]:
    """Store fetched pictures (one row for lines that share a picture)."""
    stored: dict[str, NewsImage] = {}
    for item in items:
        ref = item.data.picture
        if item.fetched is not None and ref is not None:
            if ref.uri not in stored:
                stored[ref.uri] = store_picture(ref, item.fetched)
            item.image = stored[ref.uri]
    return list(stored.values())


def _forget_pictures(items: list[Incoming], stored: list[NewsImage]) -> None:
    """After a rollback: remove the files of pictures whose rows are gone."""
    for picture in stored:
        picture.file.storage.delete(picture.file.name)
    for item in items:
        if item.fetched is not None:
            item.image = None


def _relax_durability() -> None:
    """On PostgreSQL, do not wait for the disk at each commit: a crash can lose the last
    lines (import them again: lines are idempotent), never half a line."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
