"""Making and restoring a backup (the order and why: sahifa/core/backup/__init__.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.utils.translation import gettext as _

from sahifa.core.backup import BackupError, database, files, manifest, parts


def make(folder: Path) -> dict[str, Any]:
    """Write a backup of the running site into ``folder`` (new, or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(
            _("%(folder)s is not empty: back up into a new folder.") % {"folder": folder}
        )
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Any] = {part.name: part.dump(folder) for part in parts()}
    written["database"] = database.dump(folder)
    written["media"] = files.dump(folder)
    _sync(folder)
    result = manifest.build(written)
    manifest.write(folder, result)
    return result


def _sync(folder: Path) -> None:
    """Everything on disk before the manifest says it is there."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as f:
                os.fsync(f.fileno())


def site_is_empty() -> bool:
    return database.is_empty() and files.is_empty()


def restore(folder: Path, force: bool = False) -> dict[str, Any]:
    """Bring the backup in ``folder`` back into this site's database and files."""
    found = manifest.read(folder)
    if not force and not site_is_empty():
        raise BackupError(
            _(
                "This site already has a database or uploaded files: restore into a fresh "
                "site, or add --force to overwrite them."
            )
        )
    written = found["parts"]
    database.load(folder, written["database"], force)
    # A backup from an older version gets this version's schema.
    call_command("migrate", interactive=False, verbosity=0)
    media_files, media_bytes = files.load(folder, written["media"])
    told: dict[str, Any] = {"media_files": media_files, "media_bytes": media_bytes}
    for part in parts():
        if part.name in written:
            told[part.name] = part.load(folder, written[part.name])
    return {"manifest": found, **told}
