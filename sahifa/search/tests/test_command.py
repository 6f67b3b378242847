"""`sahifa search`: results for operators, and a rebuild of the whole index."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sahifa.search.models import SearchDocument, SearchWord


def run(*args: str, stderr: StringIO | None = None) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("search", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def test_prints_results_in_a_language(write):
    write("Выборы в парламент", language="ru")
    write("Parliament elections", language="en")
    printed = run("парламента", "--lang", "ru")
    assert "1 result\n" in printed
    assert "Выборы в парламент" in printed and "Parliament elections" not in printed


def test_rebuild_indexes_every_article_afresh(write):
    article = write("Harvest figures", live=False)
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    err = StringIO()
    run("--rebuild", stderr=err)
    assert "Indexed 1 article." in err.getvalue()
    assert SearchDocument.objects.filter(pk=article.pk).exists()
    assert SearchWord.objects.get(language="en", word="harvest").documents == 1


def test_after_a_rebuild_the_index_follows_changes_again(write):
    write("Harvest figures")
    run("--rebuild")
    found = run("harvest", "--lang", "en")
    assert "1 result\n" in found and "Harvest figures" in found
    write("Harvest festival opens")  # indexed by its change event, as on the site
    assert "2 results\n" in run("harvest", "--lang", "en")
    assert "1 result\n" in run("festival", "--lang", "en")


def test_unknown_language_and_nothing_to_do_are_errors(db):
    with pytest.raises(CommandError):
        run("x", "--lang", "xx")
    with pytest.raises(CommandError):
        run()
