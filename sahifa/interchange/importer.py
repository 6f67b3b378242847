"""Import ninjs JSON Lines: each line in its own transaction; a bad line is reported
with its number and reason and the other lines go on.

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

from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import ArticleData, BadLine, parse_line
from sahifa.interchange.pictures import (
    FetchedPicture,
    PictureError,
    fetch_picture,
    find_picture,
    store_picture,
)
from sahifa.interchange.store import Lookups, save_article

logger = logging.getLogger(__name__)

DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024


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
    else the working directory)."""
    report = ImportReport(source=source)
    if base_dir is None:
        path = Path(source)
        base_dir = path.resolve().parent if path.is_file() else Path.cwd()
    lookups = Lookups()
    for number, line in enumerate(lines, start=1):
        _import_line(line, number, report, lookups, base_dir)
    return report


def _import_line(
    line: str | bytes, number: int, report: ImportReport, lookups: Lookups, base_dir: Path
) -> None:
    warnings: list[str] = []
    try:
        text = _checked_text(line)
        if not text.strip():
            return  # blank lines separate nothing and are skipped
        data = parse_line(text)
    except BadLine as exc:
        report.errors.append(LineError(report.source, number, exc.reason))
        return
    warnings.extend(data.warnings)
    image, fetched, keep_image = _picture_for(data, base_dir, warnings)
    try:
        created = _write(data, image, fetched, keep_image, lookups, warnings)
    except Exception as exc:  # noqa: BLE001 - one line's failure must not stop the others
        lookups.rolled_back()
        logger.exception("%s:%d could not be saved", report.source, number)
        reason = _("could not save: %(error)s") % {"error": str(exc) or type(exc).__name__}
        report.errors.append(LineError(report.source, number, reason))
        return
    lookups.committed()
    if created:
        report.created += 1
    else:
        report.updated += 1
    report.warnings.extend(LineError(report.source, number, w) for w in warnings)


def _checked_text(line: str | bytes) -> str:
    if len(line) > max_line_bytes():
        raise BadLine(_("line is longer than %(limit)d bytes") % {"limit": max_line_bytes()})
    if isinstance(line, bytes):
        try:
            return line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError as exc:
            raise BadLine(_("not UTF-8 text (byte %(pos)d)") % {"pos": exc.start + 1}) from None
    return line


def _picture_for(
    data: ArticleData, base_dir: Path, warnings: list[str]
) -> tuple[NewsImage | None, FetchedPicture | None, bool]:
    """(a picture imported before, or fetched bytes to store, or neither and whether
    the article keeps the picture it has because this one could not be had)."""
    ref = data.picture
    if ref is None:
        return None, None, False
    if existing := find_picture(ref):
        return existing, None, False
    try:
        return None, fetch_picture(ref.href, base_dir), False
    except PictureError as exc:
        warnings.append(
            _("picture %(href)s left out: %(error)s") % {"href": ref.href, "error": exc}
        )
        return None, None, True


def _write(
    data: ArticleData,
    image: NewsImage | None,
    fetched: FetchedPicture | None,
    keep_image: bool,
    lookups: Lookups,
    warnings: list[str],
) -> bool:
    """One line's writes in one transaction; a stored picture file is removed again
    when the transaction does not commit."""
    stored: list[NewsImage] = []
    try:
        with transaction.atomic():
            _relax_durability()
            if fetched is not None and data.picture is not None:
                image = store_picture(data.picture, fetched)
                stored.append(image)
            return save_article(data, image, keep_image, lookups, warnings)
    except Exception:
        for picture in stored:
            picture.file.storage.delete(picture.file.name)
        raise


def _relax_durability() -> None:
    """On PostgreSQL, do not wait for the disk at each line's commit: a crash can lose
    the last few lines (import them again: lines are idempotent), never half a line."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
