"""Broken feeds: each gets a clear line in its source's health and the log, the good
items still come in, a failing source backs off and recovers by itself, and one slow
or broken source does not stop the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sahifa.sources import polling
from sahifa.sources.models import SourceItem
from sahifa.sources.tests.conftest import FEEDS, Route

pytestmark = pytest.mark.django_db


def poll(*sources):
    results = polling.poll(list(sources))
    for source in sources:
        source.refresh_from_db()
    return results


def test_malformed_xml_keeps_the_items_that_can_be_read(feeds, make_source):
    source = make_source(feeds.play("malformed.xml"), name="Broken", language="en")
    (result,) = poll(source)
    assert not result.error
    assert "not well-formed XML" in source.last_notes
    assert SourceItem.objects.filter(source=source, guid="broken-1").exists()


def test_a_truncated_feed_leaves_out_its_cut_item(feeds, make_source):
    whole = (FEEDS / "atom.xml").read_bytes()
    feeds.routes["/cut.xml"] = Route(whole[: whole.index(b"<entry>", 600) + 200])
    source = make_source(feeds.url("/cut.xml"), name="Wire", language="en")
    (result,) = poll(source)
    assert "the feed is cut off" in source.last_notes
    assert list(SourceItem.objects.values_list("guid", flat=True)) == [
        "tag:wire.example,2026:article-5521"
    ]


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(b"<rss>" + b"x" * (10 * 1024 * 1024)), "the answer is larger than 5 MB"),
        (Route(b"oops", "text/plain", status=500), "the server answered HTTP 500"),
        ((FEEDS / "not-a-feed.html").read_bytes(), "not an RSS or Atom feed"),
        (Route(b"", "application/rss+xml"), "the feed is empty"),
        (Route((FEEDS / "atom.xml").read_bytes(), delay=0.8), "no whole answer within 1 s"),
    ],
    ids=["10MB", "500", "html", "empty", "slow"],
)
def test_a_failed_poll_says_why_and_backs_off(feeds, make_source, settings, route, error):
    settings.SAHIFA_SOURCES_TIMEOUT = 1.0
    if isinstance(route, bytes):
        route = Route(route, "text/html")
    feeds.routes["/feed"] = route
    source = make_source(feeds.url("/feed"))
    before = timezone.now()
    (result,) = poll(source)
    assert result.error == error
    assert source.last_error == error and source.health == error
    assert source.failures == 1 and source.last_success_at is None
    assert source.next_poll_at >= before + 2 * source.interval
    assert source.claimed_until is None  # released for the next poll
    assert not SourceItem.objects.exists()


def test_a_redirect_loop(feeds, make_source):
    source = make_source(feeds.url("/loop"))
    (result,) = poll(source)
    assert result.error == "more than 3 redirects"
    assert len(feeds.hits("/loop")) == 4


def test_backoff_grows_to_an_hour_and_recovery_resets_it(feeds, make_source):
    feeds.routes["/flaky"] = Route(b"down", "text/plain", status=503)
    source = make_source(feeds.url("/flaky"), name="Wire", language="en")
    waits = []
    for _ in range(4):
        poll(source)
        waits.append(source.next_poll_at - source.last_polled_at)
        # Not due until its wait is over; then due again.
        assert source not in polling.due()
        assert source in polling.due(source.next_poll_at + timedelta(seconds=1))
    minutes = [round(w.total_seconds() / 60) for w in waits]
    assert minutes == [20, 40, 60, 60]
    assert source.failures == 4

    feeds.play("atom.xml", path="/flaky")
    (result,) = poll(source)
    assert not result.error and result.outcome.taken == 2
    assert source.failures == 0 and source.last_error == "" and source.health == "ok"
    assert round((source.next_poll_at - source.last_polled_at).total_seconds() / 60) == 10


def test_an_unchanged_feed_costs_one_304(feeds, make_source):
    url = feeds.play("atom.xml", etag='"v1"')
    source = make_source(url, name="Wire", language="en")
    poll(source)
    assert source.etag == '"v1"' and SourceItem.objects.count() == 2
    (result,) = poll(source)
    assert result.unchanged and result.summary() == "unchanged"
    assert feeds.hits("/atom.xml")[-1]["if-none-match"] == '"v1"'
    assert SourceItem.objects.count() == 2 and source.items_seen == 2


def test_one_slow_source_does_not_stop_the_others(feeds, make_source, settings):
    settings.SAHIFA_SOURCES_TIMEOUT = 1.0
    feeds.routes["/slow"] = Route((FEEDS / "rss2.xml").read_bytes(), delay=0.5)
    slow = make_source(feeds.url("/slow"), name="Slow")
    broken = make_source(feeds.url("/nowhere"), name="Gone")
    good = make_source(feeds.play("atom.xml"), name="Wire", language="en")
    results = {r.source.name: r for r in poll(slow, broken, good)}
    assert results["Slow"].error.startswith("no whole answer")
    assert results["Gone"].error == "the server answered HTTP 404"
    assert results["Wire"].outcome.taken == 2 and good.last_error == ""


def test_each_problem_is_a_line_in_the_log(feeds, make_source, caplog):
    feeds.routes["/down"] = Route(b"oops", "text/plain", status=500)
    down = make_source(feeds.url("/down"), name="Down")
    dated = make_source(feeds.play("rss2.xml"), name="Daryo")
    with caplog.at_level("WARNING", logger="sahifa.sources"):
        poll(down, dated)
    lines = [r.getMessage() for r in caplog.records]
    assert "source Down failed (1 in a row): the server answered HTTP 500" in lines
    assert any(line.startswith("source Daryo: Ob-havo") and "no date" in line for line in lines)


def test_a_declared_language_is_checked_against_the_text(feeds, make_source):
    source = make_source(feeds.play("feed.json"), name="Kun", language="uz")
    (result,) = poll(source)
    assert "В Ташкенте открылся новый парк: the text looks like ru, not uz" in result.outcome.notes
