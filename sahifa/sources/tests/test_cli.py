"""`sahifa sources add|list|poll` against the local feed server."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sahifa.sources.models import Source

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("sources", *args, stdout=out)
    return out.getvalue()


def test_add_list_and_poll(feeds, make_category):
    make_category("en", "world", "World")
    url = feeds.play("atom.xml", etag='"a1"')
    assert run("add", url, "--name", "Wire", "--language", "en") == f"added Wire ({url})\n"
    source = Source.objects.get(name="Wire")
    assert source.kind == "feed" and source.category.slug == "world" and not source.publish
    assert "Wire [on]" in run("list") and "not polled yet" in run("list")

    assert run("poll", "Wire") == "Wire: 2 new: 2 taken, 0 duplicates, 0 failed\n"
    assert run("poll") == "Wire: unchanged\n"
    listing = run("list")
    assert "seen 2, taken 2; ok" in listing


def test_add_a_json_feed_that_publishes(feeds, make_category):
    make_category("ru", "world", "Мир")
    url = feeds.play("feed.json")
    run("add", url, "--name", "Kun", "--language", "ru", "--category", "world", "--publish")
    source = Source.objects.get(name="Kun")
    assert source.kind == "json" and source.publish
    out = run("poll", "Kun")
    assert out.startswith("Kun: 2 new: 2 taken")


def test_poll_reports_failures_and_unknown_names(feeds, make_category):
    make_category("en", "world")
    run("add", feeds.url("/missing.xml"), "--name", "Gone", "--language", "en")
    assert run("poll", "Gone") == "Gone: failed: the server answered HTTP 404\n"
    with pytest.raises(CommandError, match="no source named Nobody"):
        run("poll", "Nobody")
    with pytest.raises(CommandError, match="no category sport in en"):
        run("add", feeds.url("/x.xml"), "--name", "X", "--language", "en", "--category", "sport")
