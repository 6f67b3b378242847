"""`sahifa backup DIR`: a consistent copy of the running site (docs/operations.md)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.backup import BackupError
from sahifa.core.backup.run import make
from sahifa.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Write a backup of the site (database, uploaded files, buffered views, settings "
        "that are not secrets) into a new or empty folder, while the site runs."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "folder", type=Path, help=_("a new or empty folder to write the backup into")
        )

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = make(folder.resolve())
        except BackupError as error:
            raise CommandError(str(error)) from error
        parts = result["parts"]
        self.stdout.write(
            _(
                "Backup written to %(folder)s in %(seconds).1f s: database %(database)s, "
                "%(files)d uploaded files (%(media)s)."
            )
            % {
                "folder": folder,
                "seconds": time.monotonic() - started,
                "database": filesizeformat(parts["database"]["bytes"]),
                "files": parts["media"]["files"],
                "media": filesizeformat(parts["media"]["bytes"]),
            }
        )
        if "views" in parts:
            self.stdout.write(
                _("Views waiting to be written, kept in the backup: %(views)d.")
                % {"views": parts["views"]["views"]}
            )
