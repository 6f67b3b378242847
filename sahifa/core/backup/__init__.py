"""`sahifa backup DIR` and `sahifa restore DIR`: everything a site needs, copied while
it runs, brought back on a fresh machine (docs/operations.md).

A backup is written in this order, so that its parts agree with each other:

1. the parts apps register (``register``; popularity's views buffer), each made
   consistent by its app (the buffer first moves what waits into a batch, whose id the
   database records when it is applied: the restore applies it only if it was not);
2. the database, as one snapshot (SQLite's online backup API, ``pg_dump``);
3. the uploaded files (every file the database snapshot names was complete before it);
4. ``manifest.json`` last: versions, time, languages, settings that are not secrets and
   a checksum of each part. A folder without it is not a backup.

The restore brings back the database (then migrates it), the files, then the parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class Part(Protocol):
    """Something an app keeps outside the database and the uploaded files."""

    name: str

    def dump(self, folder: Path) -> dict[str, Any]:
        """Write the part into ``folder`` (before the database is copied); return what
        the manifest should say of it."""

    def load(self, folder: Path, info: dict[str, Any]) -> dict[str, Any]:
        """Bring the part back (after the database and the files); ``info`` is what
        ``dump`` returned. Return what to tell the operator."""


_parts: dict[str, Part] = {}


def register(part: Part) -> None:
    """Called from an app's ``ready()``."""
    _parts[part.name] = part


def parts() -> list[Part]:
    return list(_parts.values())


class BackupError(Exception):
    """Something the operator must fix; the message says what."""
