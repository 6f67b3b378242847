"""What `sahifa backup` and `sahifa restore` share: one folder argument, and a backup's
errors reported as the command's (a message and exit status 1, no traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from sahifa.core.backup import BackupError
from sahifa.core.commands import TranslatedCommand


class FolderCommand(TranslatedCommand):
    folder_help: Any = ""  # lazy: read in the operator's language

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path, help=str(self.folder_help))

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            self.run(folder, **options)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def run(self, folder: Path, **options: Any) -> None:
        raise NotImplementedError
