"""`sahifa similar_eval`: precision@k and coverage of similar news on a labelled corpus,
imported into a scratch database with the labels held back.

    sahifa similar_eval --bbc ../shared/data/bbc-fulltext.zip
    sahifa similar_eval --ria ../shared/data/ria-ru/
    sahifa similar_eval corpus.jsonl --label subject     (or --label <story id field>)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.related import evaluation


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Measure similar news (precision@k, coverage) on a labelled corpus."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("corpus", nargs="?", help=_("labelled ninjs JSON Lines file"))
        parser.add_argument("--label", default="subject", help=_("subject, or a story id field"))
        parser.add_argument("--bbc", type=Path, help=_("the BBC News full-text zip"))
        parser.add_argument("--ria", type=Path, help=_("a folder of RIA Novosti CSV files"))
        parser.add_argument("-k", type=int, default=6, help=_("the k of precision@k"))
        parser.add_argument("--scratch-url", help=_("scratch database URL (default: SQLite)"))
        parser.add_argument("--run-in", type=Path, help=argparse_hidden())

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run_in"]:
            return _scratch_run(options["run_in"])
        corpus = self.corpus(options)
        labels = {e.item["uri"]: e.labels for e in corpus}
        items = [e.item for e in corpus]
        with tempfile.TemporaryDirectory(prefix="sahifa-eval-") as scratch:
            folder = Path(scratch)
            lines = evaluation.as_lines(corpus, options["label"])
            (folder / "corpus.jsonl").write_text("\n".join(lines), encoding="utf-8")
            started = time.monotonic()
            self.run_scratch(folder, options["scratch_url"])
            elapsed = time.monotonic() - started
            lists = json.loads((folder / "lists.json").read_text())
        k = options["k"]
        self.report("engine", lists, labels, k)
        self.report("plain TF-IDF", evaluation.plain_tfidf_lists(items, k), labels, k)
        self.report("more_like_this", evaluation.more_like_this_lists(items, k), labels, k)
        self.report("newest first", evaluation.newest_first_lists(items, k), labels, k)
        self.stdout.write(f"{len(items)} articles; import + rebuild {elapsed:.0f} s")

    def corpus(self, options: dict[str, Any]) -> list[evaluation.Labelled]:
        if options["bbc"]:
            return evaluation.bbc_corpus(options["bbc"])
        if options["ria"]:
            return evaluation.ria_corpus(options["ria"])
        if not options["corpus"]:
            raise CommandError("Name a ninjs corpus file, or --bbc ZIP, or --ria FOLDER.")
        path = Path(options["corpus"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open(encoding="utf-8") as handle:
            return evaluation.ninjs_corpus(handle, options["label"])

    def run_scratch(self, folder: Path, url: str | None) -> None:
        env = {
            **os.environ,
            "SAHIFA_VAR_DIR": str(folder),
            "DATABASE_URL": url or f"sqlite:///{folder / 'scratch.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "sahifa.settings",
            "HUEY_IMMEDIATE": "0",
        }
        command = [sys.executable, "-m", "sahifa.cli", "similar_eval", "--run-in", str(folder)]
        if subprocess.run(command, env=env, check=False).returncode:
            raise CommandError("The scratch run failed (see above).")

    def report(self, name: str, lists: dict, labels: dict, k: int) -> None:
        precision, coverage = evaluation.precision_and_coverage(lists, labels, k)
        self.stdout.write(f"{name:<14} precision@{k} {precision:.4f}  coverage {coverage:.4f}")


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def _scratch_run(folder: Path) -> None:
    """In the scratch process: migrate, import, rebuild, write every stored list."""
    from sahifa.articles.models import Article
    from sahifa.interchange.importer import import_ninjs
    from sahifa.related import rebuild
    from sahifa.related.models import SimilarItem

    call_command("migrate", verbosity=0, interactive=False)
    source = folder / "corpus.jsonl"
    with source.open(encoding="utf-8") as handle:
        report = import_ninjs(handle, source=str(source))
    for error in report.errors[:20]:
        sys.stderr.write(f"{error}\n")
    rebuild.rebuild()
    uris = dict(Article.objects.values_list("pk", "uri"))
    lists: dict[str, list[str]] = {uri: [] for uri in uris.values()}
    for article_id, similar_id in SimilarItem.objects.order_by("article_id", "rank").values_list(
        "article_id", "similar_id"
    ):
        lists[uris[article_id]].append(uris[similar_id])
    (folder / "lists.json").write_text(json.dumps(lists))
