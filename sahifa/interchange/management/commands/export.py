"""`sahifa export [-o FILE]`: write every article as ninjs JSON Lines (stdout by default)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.interchange.exporter import export_ninjs


class Command(TranslatedCommand):
    # Django reads help as a string when it prints it; the stubs allow only str.
    help = gettext_lazy("Write every article as ninjs JSON Lines.")  # type: ignore[assignment]

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-", help=_("file to write; - for stdout"))

    def handle(self, *args, output: str, **options):
        if output == "-":
            count = self._write(self.stdout, ending="")  # the wrapper ends each line
            summary = self.stderr  # stdout holds the lines
        else:
            try:
                with open(output, "w", encoding="utf-8") as stream:
                    count = self._write(stream, ending="\n")
            except OSError as exc:
                raise CommandError(
                    _("cannot write %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
                ) from None
            summary = self.stdout
        summary.write(_("exported %(n)d articles to %(file)s") % {"n": count, "file": output})

    def _write(self, stream, ending: str) -> int:
        count = 0
        for line in export_ninjs():
            stream.write(line + ending)
            count += 1
        return count
