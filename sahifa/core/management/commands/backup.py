"""`sahifa backup DIR`: a consistent copy of the running site (docs/operations.md)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.backup.command import FolderCommand
from sahifa.core.backup.run import make


class Command(FolderCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Write a backup of the site (database, uploaded files, buffered views, settings "
        "that are not secrets) into a new or empty folder, while the site runs."
    )

    folder_help = gettext_lazy("a new or empty folder to write the backup into")

    def run(self, folder: Path, **options: Any) -> None:
        started = time.monotonic()
        result = make(folder.resolve())
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
