"""`sahifa search "query" --lang ru`: the results readers get; `--rebuild` indexes every
article afresh, with a progress bar (and then the search cluster's index, when one is set)."""

from __future__ import annotations

import json
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from tqdm import tqdm

from sahifa.articles.models import Article
from sahifa.core.commands import TranslatedCommand
from sahifa.search import cluster, documents, engine


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Print search results, or rebuild the search index."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("query", nargs="?", default="", help=_("what a reader would type"))
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE, help=_("language code"))
        parser.add_argument("--limit", type=int, default=10, help=_("results to print"))
        parser.add_argument("--newest", action="store_true", help=_("newest first"))
        parser.add_argument("--json", action="store_true", help=_("one JSON object per line"))
        parser.add_argument("--rebuild", action="store_true", help=_("index every article afresh"))

    def handle(self, *args: Any, **options: Any) -> None:
        languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
        if options["lang"] not in languages:
            raise CommandError(_("Unknown language: %(code)s") % {"code": options["lang"]})
        if options["rebuild"]:
            self.rebuild()
        if options["query"]:
            self.print_results(options)
        elif not options["rebuild"]:
            raise CommandError(_("Give a query, or --rebuild."))

    def rebuild(self) -> None:
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        stream = cast(TextIO, self.stderr._out)
        with tqdm(total=len(ids), unit=_("article"), file=stream) as bar:
            count = documents.rebuild_all(ids, progress=bar.update)
        indexed = ngettext("Indexed %(count)d article.", "Indexed %(count)d articles.", count)
        self.stderr.write(indexed % {"count": count})
        if cluster.enabled():
            self.rebuild_cluster(count, stream)

    def rebuild_cluster(self, total: int, stream: TextIO) -> None:
        """The cluster's index afresh, from the database's just rebuilt."""
        try:
            with tqdm(total=total, unit=_("article"), file=stream) as bar:
                count = documents.rebuild_cluster(progress=bar.update) or 0
        except cluster.ClusterError as error:
            message = _("The database index is rebuilt; the search cluster's is not: %(error)s")
            raise CommandError(message % {"error": error}) from error
        sent = ngettext(
            "Sent %(count)d article to the search cluster.",
            "Sent %(count)d articles to the search cluster.",
            count,
        )
        self.stderr.write(sent % {"count": count})

    def print_results(self, options: dict[str, Any]) -> None:
        order = engine.NEWEST if options["newest"] else engine.RELEVANCE
        results = engine.search(options["lang"], options["query"], order=order)
        page = results.shown(results.ids[: options["limit"]])
        if options["json"]:
            for article in page:
                record = {"id": article.pk, "uri": article.uri, "headline": article.headline}
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        found = ngettext("%(count)d result", "%(count)d results", results.count)
        self.stdout.write(found % {"count": results.count})
        suggestion = results.plan.suggestion()
        if suggestion:
            self.stdout.write(_("Did you mean: %(query)s") % {"query": suggestion})
        for n, article in enumerate(page, 1):
            when = article.published_at.date().isoformat()
            self.stdout.write(f"{n:>3}. {article.headline}  ({when}, {article.get_url()})")
