"""`sahifa restore DIR`: bring a backup back into a fresh site (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.backup.command import FolderCommand
from sahifa.core.backup.run import restore


class Command(FolderCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Restore a backup (made by the backup command) into this site (which must be fresh: "
        "no database tables, no uploaded files), unless --force."
    )
    # The checks would read a database that is not there yet.
    requires_system_checks: list[str] = []

    folder_help = gettext_lazy("the folder of the backup")

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Overwrite this site's database and uploaded files."),
        )

    def run(self, folder: Path, **options: Any) -> None:
        result = restore(folder.resolve(), force=options["force"])
        made = result["manifest"]
        self.stdout.write(
            _(
                "Restored the backup of %(created)s (%(host)s): the database, "
                "%(files)d uploaded files (%(media)s)."
            )
            % {
                "created": made["created_at"],
                "host": made["host"],
                "files": result["media_files"],
                "media": filesizeformat(result["media_bytes"]),
            }
        )
        if "views" in result:
            self.stdout.write(
                _("Buffered views written to the database: %(views)d.")
                % {"views": result["views"]["views"]}
            )
        self.stdout.write(
            _(
                "Settings are not restored: compare your environment with the manifest's "
                "(%(file)s). Keep SECRET_KEY from your secrets store; without it sessions end."
            )
            % {"file": folder / "manifest.json"}
        )
