"""The database's part of a backup: SQLite through its online backup API (one
consistent snapshot while others write), PostgreSQL through ``pg_dump`` (custom format,
one snapshot) and ``pg_restore``. Passwords go to the tools through the environment,
never on a command line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from sahifa.core.backup import BackupError
from sahifa.core.backup.files import sha256

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


def vendor() -> str:
    return connection.vendor


def is_empty() -> bool:
    """True when the database has no tables at all (a fresh site, never migrated)."""
    if vendor() == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return True
    return not connection.introspection.table_names()


def dump(folder: Path) -> dict[str, Any]:
    if vendor() == "sqlite":
        target = folder / SQLITE_FILE
        _sqlite_snapshot(Path(connection.settings_dict["NAME"]), target)
    elif vendor() == "postgresql":
        target = folder / POSTGRES_FILE
        _run(["pg_dump", "--format=custom", "--file", str(target)])
    else:
        raise BackupError(
            _("Backups know SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor()}
        )
    return {
        "vendor": vendor(),
        "file": target.name,
        "bytes": target.stat().st_size,
        "sha256": sha256(target),
    }


def _sqlite_snapshot(source: Path, target: Path) -> None:
    """All pages in one step: one read transaction, so one moment of the database,
    whatever other processes write meanwhile (WAL lets them)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # One self-contained file (the copy inherits WAL mode from the site's database).
        dst.execute("PRAGMA journal_mode=DELETE")
        (result,) = dst.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise BackupError(_("The database copy is damaged: %(result)s") % {"result": result})
    finally:
        dst.close()
        src.close()


def load(folder: Path, info: dict[str, Any], force: bool) -> None:
    source = folder / info["file"]
    if sha256(source) != info["sha256"]:
        raise BackupError(
            _("%(file)s does not match its checksum in the manifest.") % {"file": source}
        )
    if info["vendor"] != vendor():
        raise BackupError(
            _("The backup holds a %(backup)s database; this site uses %(site)s.")
            % {"backup": info["vendor"], "site": vendor()}
        )
    if vendor() == "sqlite":
        _sqlite_replace(Path(connection.settings_dict["NAME"]), source)
    else:
        options = ["--clean", "--if-exists"] if force else []
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *options,
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ]
        )
        connection.close()


def _sqlite_replace(target: Path, source: Path) -> None:
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, staged)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def _run(command: list[str]) -> None:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": str(settings["HOST"] or ""),
        "PGPORT": str(settings["PORT"] or ""),
        "PGUSER": str(settings["USER"] or ""),
        "PGPASSWORD": str(settings["PASSWORD"] or ""),
        "PGDATABASE": str(settings["NAME"] or ""),
    }
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("%(tool)s is not installed (apt-get install postgresql-client).")
            % {"tool": command[0]}
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": command[0], "error": done.stderr.strip()[-2000:]}
        )
