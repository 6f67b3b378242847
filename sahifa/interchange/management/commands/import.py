"""`sahifa import FILE`: read ninjs JSON Lines (`-` for stdin) into articles."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.checks import Tags
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.interchange.importer import import_ninjs, read_lines


class Command(TranslatedCommand):
    # The full system checks load every URL module (and with them NumPy, SciPy and
    # scikit-learn): about 2 s of CPU, more than importing 2,000 articles. A feed may
    # be imported every minute; `sahifa check`, `migrate` and the server run them all.
    requires_system_checks = [Tags.models]
    # Django reads help as a string when it prints it; the stubs allow only str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Import articles from ninjs JSON Lines (one object per line; '-' reads stdin). "
        "Bad lines are reported and skipped; the exit status is 1 when any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .jsonl file, or - for stdin"))

    def handle(self, *args, file: str, verbosity: int = 1, **options):
        if file == "-":
            report = import_ninjs(read_lines(sys.stdin.buffer), source="<stdin>")
        else:
            path = Path(file)
            try:
                stream = path.open("rb")
            except OSError as exc:
                raise CommandError(
                    _("cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
                ) from None
            with stream:
                report = import_ninjs(
                    read_lines(stream), source=file, base_dir=path.resolve().parent
                )
        for warning in report.warnings:
            self.stderr.write(_("%(where)s (warning)") % {"where": warning})
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if not report.ok:
            sys.exit(1)
