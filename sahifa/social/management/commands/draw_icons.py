from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.social import icons


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Draw the favicon, apple-touch-icon and app icons from the site's mark."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=icons.STATIC, help=_("folder to write"))

    def handle(self, *args, output: Path, **options):
        for path in icons.write_all(output):
            self.stdout.write(str(path))
