"""The manifest of a backup: what made it, when, for which site, and what each part
holds. Settings go in only when they are not secrets (no keys, tokens or passwords)."""

from __future__ import annotations

import json
import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from sahifa.core.backup import BackupError

FILE = "manifest.json"
FORMAT = 1
# Settings an operator may want to set the same on the new machine; none is a secret.
SHOWN_SETTINGS = (
    "SAHIFA_BASE_URL",
    "WAGTAIL_SITE_NAME",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "SAHIFA_PAGE_SIZE",
    "SAHIFA_SITEMAP_URLS_PER_FILE",
    "SAHIFA_VIEWS_FLUSH_SECONDS",
    "SAHIFA_VIEWS_RATE_PER_MINUTE",
    "SAHIFA_TRUSTED_PROXIES",
    "SAHIFA_CYRILLIC_FROM_LATIN",
    "SAHIFA_WEATHER_URL",
    "SAHIFA_WEATHER_CITIES",
    "SAHIFA_TELEGRAM_CHANNELS",
    "SAHIFA_TELEGRAM_API_URL",
)
PACKAGES = ("sahifa", "Django", "wagtail", "wagtail-localize", "huey", "psycopg")


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _migrations() -> dict[str, str]:
    """The last applied migration of each app: what the schema of the copy is."""
    last: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name")
    ):
        last[app] = name
    return last


def build(parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "host": platform.node(),
        "versions": {
            "python": platform.python_version(),
            **{p: _version(p) for p in PACKAGES},
            "database": connection.vendor,
        },
        "languages": [code for code, _name in settings.LANGUAGES],
        "settings": {name: getattr(settings, name, None) for name in SHOWN_SETTINGS},
        "migrations": _migrations(),
        "parts": parts,
    }


def write(folder: Path, manifest: dict[str, Any]) -> None:
    """Written last and atomically: its presence says the backup is complete."""
    staged = folder / (FILE + ".partial")
    staged.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    with staged.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(staged, folder / FILE)


def read(folder: Path) -> dict[str, Any]:
    from django.utils.translation import gettext as _

    path = folder / FILE
    if not path.is_file():
        raise BackupError(
            _("%(folder)s holds no complete backup (no %(file)s).")
            % {"folder": folder, "file": FILE}
        )
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("This backup's format (%(found)s) is not one this version reads (%(known)s).")
            % {"found": manifest.get("format"), "known": FORMAT}
        )
    return manifest
