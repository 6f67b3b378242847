"""`sahifa load_demo`: demo categories, stories in four languages, the BBC corpus and
an editor account. Safe to run again: nothing is added twice."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.addresses import listen_address, listen_url
from sahifa.core.commands import TranslatedCommand
from sahifa.demo.content import ensure_categories
from sahifa.demo.editors import ensure_editor
from sahifa.demo.loader import load_bbc, load_stories, quiet_logs
from sahifa.interchange.importer import ImportReport


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Load the demo content (again: adds nothing twice) and print the editor's login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bbc-limit",
            type=int,
            default=None,
            help=_("Load only the first N BBC articles (0: none)."),
        )
        parser.add_argument(
            "--port",
            default=None,
            help=_(
                "The port the site will be served on (default: the site's address, "
                "SAHIFA_BASE_URL, which follows PORT)."
            ),
        )

    def handle(self, *args, bbc_limit: int | None, port: str | None, **options) -> None:
        with quiet_logs():
            created = ensure_categories()
            self.stdout.write(_("Demo categories: %(n)d created") % {"n": created})
            self._run(_("Demo stories"), load_stories)
            if bbc_limit != 0:
                self._run(_("BBC News articles"), lambda: load_bbc(bbc_limit))
        credentials = ensure_editor()
        password = credentials.password
        if not credentials.password_current:
            password = _("(changed since the demo set it)")
        admin_url = f"{admin_base(port)}/admin/"
        self.stdout.write(
            self.style.SUCCESS(
                _("Editor login: %(url)s  user: %(user)s  password: %(pw)s")
                % {"url": admin_url, "user": credentials.username, "pw": password}
            )
        )

    def _run(self, label: str, load: Callable[[], ImportReport]) -> ImportReport:
        started = time.monotonic()
        report = load()
        self.stdout.write(f"{label}: {report.summary()} ({time.monotonic() - started:.1f} s)")
        for error in report.errors:
            self.stderr.write(str(error))
        return report


def admin_base(port: str | None) -> str:
    """The site's address; on ``port`` of the server's host when one is given."""
    if port is None:
        return settings.WAGTAILADMIN_BASE_URL
    host, _default_port = listen_address(os.environ)
    return listen_url(host, port)
