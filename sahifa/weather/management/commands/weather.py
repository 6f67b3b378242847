"""`sahifa weather refresh`: fetch and store the current weather once, now."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.weather import service


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Weather for the site's header. 'refresh' fetches every configured city once."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("refresh", help=_("Fetch and store the current weather of every city."))

    def handle(self, *args, action: str, **options) -> None:
        outcomes = service.refresh()
        for outcome in outcomes:
            if outcome.ok:
                self.stdout.write(f"{outcome.city.key}: stored")
            else:
                self.stderr.write(f"{outcome.city.key}: not updated: {outcome.error}")
        failed = [o.city.key for o in outcomes if not o.ok]
        if failed:
            raise CommandError(
                f"weather not updated for {', '.join(failed)}; last good readings kept"
            )
