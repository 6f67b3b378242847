"""Lines an attacker writes: whatever one line holds is that line's error, the lines
around it are imported, and plain-text fields come out as plain text."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sahifa.articles.models import Article
from sahifa.interchange.importer import import_ninjs
from sahifa.interchange.tests.conftest import lines, ninjs

pytestmark = pytest.mark.django_db


def test_a_deeply_nested_line_is_its_own_error_and_the_others_are_imported():
    nested = '{"uri": "deep", "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
    report = import_ninjs(lines(ninjs(uri="a"), nested, ninjs(uri="b")), source="news.jsonl")
    assert set(Article.objects.values_list("uri", flat=True)) == {"a", "b"}
    assert [str(e) for e in report.errors] == ["news.jsonl:2: the JSON is nested too deeply"]


def test_the_import_command_prints_its_summary_after_a_nested_line(tmp_path):
    source = tmp_path / "news.jsonl"
    nested = "[" * 200_000 + "]" * 200_000
    source.write_text("\n".join([*lines(ninjs(uri="a")), nested, *lines(ninjs(uri="b"))]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", str(source), stdout=out, stderr=err)
    assert out.getvalue().strip() == "imported 2 (created 2, updated 0), failed 1"
    assert "news.jsonl:2: the JSON is nested too deeply" in err.getvalue()


def test_plain_text_fields_lose_markup_and_control_characters():
    report = import_ninjs(
        lines(
            ninjs(
                headline="<script>alert(1)</script>Hostile\x00 head\x07line",
                description_text="A <b>bold</b> lead\x00 & more",
                byline="<img src=x onerror=alert(1)>Staff",
            )
        )
    )
    assert report.ok, report.errors
    article = Article.objects.get()
    assert article.headline == "Hostile headline"
    assert article.slug == "hostile-headline"
    assert article.lead == "A bold lead & more"
    assert article.byline == "Staff"


def test_a_headline_of_markup_alone_is_missing():
    report = import_ninjs(lines(ninjs(headline="<script>alert(1)</script>")))
    assert [e.reason for e in report.errors] == ["missing headline"]


def test_protocol_relative_links_and_titles_do_not_survive_the_body():
    body = (
        '<p title="x" lang="en">Read <a href="//evil.example/x" title="t">this</a>, '
        '<a href="\\\\evil.example/y">that</a> and <a href="https://ok.example/">ok</a></p>'
    )
    report = import_ninjs(lines(ninjs(body_html=body)))
    assert report.ok
    stored = Article.objects.get().body
    assert "evil.example" not in stored and "title" not in stored
    assert 'href="https://ok.example/"' in stored
