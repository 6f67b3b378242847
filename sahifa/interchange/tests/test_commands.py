"""`sahifa import FILE|-` and `sahifa export [-o FILE]`: summaries, errors on stderr,
exit status."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core import checks
from django.core.management import CommandError, call_command

from sahifa.articles.models import Article
from sahifa.interchange.tests.conftest import lines, ninjs

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str, int | str | None]:
    out, err = io.StringIO(), io.StringIO()
    status: int | str | None = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        status = exit_.code
    return out.getvalue(), err.getvalue(), status


def test_import_file_prints_a_summary_and_fails_when_a_line_failed(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(
        "\n".join(lines(ninjs(uri="a"), ninjs(uri="b", language="de"), ninjs(uri="c")))
    )
    out, err, status = run("import", str(source))
    assert out.strip() == "imported 2 (created 2, updated 0), failed 1"
    assert err.strip() == f"{source}:2: unknown language 'de'"
    assert status == 1
    out, err, status = run("import", str(source))
    assert out.strip() == "imported 2 (created 0, updated 2), failed 1"


def test_import_without_errors_exits_zero(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(lines(ninjs(uri="a"), ninjs(uri="b"))) + "\n")
    out, err, status = run("import", str(source))
    assert (out.strip(), err, status) == ("imported 2 (created 2, updated 0), failed 0", "", 0)


def test_import_runs_the_model_checks_only(tmp_path):
    """The URL, admin and template checks (2 s of CPU) are not run at every import."""
    ran = []

    def models_check(**kwargs):
        ran.append("models")
        return []

    def urls_check(**kwargs):
        ran.append("urls")
        return []

    checks.register(models_check, checks.Tags.models)
    checks.register(urls_check, checks.Tags.urls)
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(lines(ninjs(uri="a"))) + "\n")
    try:
        call_command("import", str(source), skip_checks=False, stdout=io.StringIO())
    finally:
        checks.registry.registry.registered_checks -= {models_check, urls_check}
    assert ran == ["models"]


def test_import_reads_stdin(monkeypatch):
    data = "\n".join(lines(ninjs(uri="a"), "{oops", ninjs(uri="c", headline=None))).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out, err, status = run("import", "-")
    assert out.strip() == "imported 1 (created 1, updated 0), failed 2"
    assert err.splitlines()[0].startswith("<stdin>:2: invalid JSON")
    assert err.splitlines()[1] == "<stdin>:3: missing headline"
    assert status == 1
    assert Article.objects.get().uri == "a"


def test_import_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import", str(tmp_path / "none.jsonl"))


def test_export_to_stdout_and_to_a_file(tmp_path, make_article):
    make_article("One", language="en")
    make_article("Ikki", language="uz")
    out, err, status = run("export")
    items = [json.loads(line) for line in out.splitlines()]
    assert [i["headline"] for i in items] == ["One", "Ikki"]
    assert [i["language"] for i in items] == ["en", "uz-Latn"]
    assert err.strip() == "exported 2 articles to -"
    target = tmp_path / "out.jsonl"
    out, err, status = run("export", "-o", str(target))
    assert out.strip() == f"exported 2 articles to {target}"
    assert target.read_text(encoding="utf-8").splitlines() == [
        json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in items
    ]
