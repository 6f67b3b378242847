"""`sahifa export [-o FILE]`: write every article as ninjs JSON Lines (stdout by default)."""

from __future__ import annotations

import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.interchange.exporter import export_ninjs


class Command(BaseCommand):
    help = gettext_lazy("Write every article as ninjs JSON Lines.")

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", default="-", help=gettext_lazy("file to write; - for stdout")
        )

    def handle(self, *args, output: str, **options):
        try:
            target = (
                nullcontext(sys.stdout) if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            )
        except OSError as exc:
            raise CommandError(
                _("cannot write %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
            ) from None
        count = 0
        with target as stream:
            for line in export_ninjs():
                stream.write(line + "\n")
                count += 1
        if output != "-":
            self.stdout.write(
                _("exported %(n)d articles to %(file)s") % {"n": count, "file": output}
            )
