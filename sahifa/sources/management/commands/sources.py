"""`sahifa sources add URL --name NAME --language LANG [--category SLUG] [--publish]`,
`sahifa sources list` (each source's health) and `sahifa sources poll [NAME]`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.articles.models import Category
from sahifa.core.commands import TranslatedCommand
from sahifa.sources import polling
from sahifa.sources.models import DETECT, Kind, Language, Source


def guess_kind(url: str) -> str:
    path = url.lower().split("?")[0]
    if path.endswith((".jsonl", ".ndjson")):
        return Kind.NINJS
    if path.endswith(".json"):
        return Kind.JSON_FEED
    return Kind.FEED


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Manage the source feeds news comes in from: add one, list them with their "
        "health, poll them now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        add = commands.add_parser("add", help=_("add a source"))
        add.add_argument("url", help=_("the feed's address"))
        add.add_argument("--name", required=True, help=_("the name readers see"))
        add.add_argument(
            "--language",
            required=True,
            choices=[c for c, _label in Language.choices],
            help=_("the language of its items"),
        )
        add.add_argument("--category", help=_("slug of the default category"))
        add.add_argument(
            "--kind",
            choices=[c for c, _label in Kind.choices],
            help=_("the feed's format (default: guessed from its address)"),
        )
        add.add_argument("--link", default="", help=_("the source's home page"))
        add.add_argument("--interval", type=int, default=10, help=_("minutes"))
        add.add_argument("--publish", action="store_true", help=_("publish items at once"))
        add.add_argument(
            "--full-text", action="store_true", help=_("read each item's text from its page")
        )
        commands.add_parser("list", help=_("list the sources and their health"))
        poll = commands.add_parser("poll", help=_("poll now"))
        poll.add_argument("name", nargs="?", help=_("one source (default: all on)"))

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        getattr(self, f"do_{command}")(**options)

    def do_add(self, *, url: str, name: str, language: str, **options: Any) -> None:
        source = Source(
            url=url,
            name=name,
            link=options["link"],
            language=language,
            kind=options["kind"] or guess_kind(url),
            category=self.category(language, options["category"]),
            interval=timedelta(minutes=max(1, options["interval"])),
            publish=options["publish"],
            full_text=options["full_text"],
        )
        try:
            source.full_clean()
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        source.save()
        self.stdout.write(_("added %(name)s (%(url)s)") % {"name": name, "url": url})

    @staticmethod
    def category(language: str, slug: str | None) -> Category:
        categories = Category.objects.order_by("sort_order", "pk")
        if language != DETECT:
            categories = categories.filter(locale__language_code=language)
        if slug:
            categories = categories.filter(slug=slug)
        found = categories.first()
        if found is None:
            raise CommandError(
                _("no category %(slug)s in %(language)s")
                % {"slug": slug or "*", "language": language}
            )
        return found

    def do_list(self, **options: Any) -> None:
        for source in Source.objects.all():
            polled = source.last_polled_at
            when = timezone.localtime(polled).strftime("%Y-%m-%d %H:%M") if polled else "-"
            self.stdout.write(
                _("%(name)s [%(state)s] %(url)s: last poll %(when)s, seen %(seen)d, "
                  "taken %(taken)d; %(health)s") % {
                    "name": source.name,
                    "state": _("on") if source.enabled else _("off"),
                    "url": source.url,
                    "when": when,
                    "seen": source.items_seen,
                    "taken": source.items_taken,
                    "health": source.health,
                }
            )  # fmt: skip

    def do_poll(self, *, name: str | None = None, **options: Any) -> None:
        sources = Source.objects.filter(enabled=True)
        if name:
            sources = Source.objects.filter(name=name)
            if not sources:
                raise CommandError(_("no source named %(name)s") % {"name": name})
        results = polling.poll(list(sources))
        if not results:
            self.stdout.write(_("nothing polled: another poll holds these sources"))
        for result in results:
            self.stdout.write(f"{result.source.name}: {result.summary()}")
            for note in result.outcome.notes:
                self.stdout.write(f"  {note}")
