"""The periodic job polls the sources that are due and on, and no others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sahifa.sources.models import SourceItem
from sahifa.sources.tasks import poll_sources

pytestmark = pytest.mark.django_db


def test_the_job_polls_due_sources_only(feeds, make_source):
    due = make_source(feeds.play("atom.xml"), name="Wire", language="en")
    later = make_source(
        feeds.play("feed.json"), name="Kun", language="ru",
        next_poll_at=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip
    off = make_source(feeds.play("rss2.xml"), name="Daryo", enabled=False)
    poll_sources.call_local()
    for source in (due, later, off):
        source.refresh_from_db()
    assert due.last_polled_at is not None and SourceItem.objects.filter(source=due).count() == 2
    assert later.last_polled_at is None and off.last_polled_at is None
    assert due.next_poll_at > timezone.now() + timedelta(minutes=9)
    # Polled again at once: not due yet, nothing fetched.
    requests = len(feeds.requests)
    poll_sources.call_local()
    assert len(feeds.requests) == requests
