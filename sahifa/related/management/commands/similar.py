"""`sahifa similar [URI ...] --limit N --json`: similar lists; `--rebuild` recomputes all."""

from __future__ import annotations

import json
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from sahifa.articles import selectors
from sahifa.core.commands import TranslatedCommand
from sahifa.related import rebuild
from sahifa.related.lists import as_record, similar_uris
from sahifa.related.selectors import find_article


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Print similar-news lists (one JSON object per line with --json), or rebuild them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("uris", nargs="*", help=_("ninjs URIs; none means every published one"))
        parser.add_argument(
            "--limit",
            type=int,
            default=settings.SAHIFA_SIMILAR_COUNT,
            help=_("similar articles to print for each"),
        )
        parser.add_argument("--json", action="store_true", help=_("one JSON object per line"))
        parser.add_argument(
            "--rebuild", action="store_true", help=_("recompute the index and every stored list")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] < 1:
            raise CommandError("--limit must be 1 or more")
        if options["rebuild"]:
            self.rebuild()
            if not options["uris"]:
                return
        missing = self.print_lists(options["uris"], options["limit"], options["json"])
        if missing:
            raise CommandError(f"{missing} of the URIs named no published article")

    def rebuild(self) -> None:
        # The progress bar writes to the stream under the wrapper (which ends every
        # write with a new line).
        stream = cast(TextIO, self.stderr._out)
        with tqdm(total=rebuild.total(), unit="step", file=stream) as bar:
            stored = rebuild.rebuild(progress=bar.update)
        self.stderr.write(f"Stored {stored} similar lists.")

    def print_lists(self, uris: list[str], limit: int, as_json: bool) -> int:
        missing = 0
        for uri, article in _named(uris):
            if article is None:
                self.stderr.write(f"{uri}: no published article has this URI")
                missing += 1
                continue
            if as_json:
                self.stdout.write(json.dumps(as_record(article, limit), ensure_ascii=False))
            else:
                self.stdout.write(f"{article.uri}  {article.headline}")
                for uri in similar_uris(article, limit):
                    self.stdout.write(f"    {uri}")
        return missing


def _named(uris: list[str]):
    """(uri, article or None) for the named URIs, or for every published article."""
    if not uris:
        for article in selectors.published().order_by("pk").iterator(chunk_size=500):
            yield article.uri, article
    for uri in uris:
        yield uri, find_article(uri)
