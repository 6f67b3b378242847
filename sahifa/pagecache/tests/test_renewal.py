"""A kept page past its time is served as it is, and rendered again after that response
has gone: the reader does not wait for the render. A purged page is not served old."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_an_old_page_is_served_and_renewed_after_the_response(page_cache, client, make_article):
    article = make_article("Kept a while")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = client.get(article.get_url())
        assert first.headers["X-Sahifa-Cache"] == "miss"
        clock.shift(timedelta(seconds=page_cache.SAHIFA_PAGE_CACHE_SECONDS + 1))
        old = client.get(article.get_url())
        assert old.headers["X-Sahifa-Cache"] == "stale"
        assert old.content == first.content
        assert "s-maxage=1" in old.headers["Cache-Control"]  # caches in front: a moment
        # Rendered again once that response had gone: the next reader gets a fresh one.
        assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "hit"


def test_a_page_too_old_is_rendered_for_its_request(page_cache, client, make_article):
    article = make_article("Kept too long")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.get(article.get_url())
        limit = page_cache.SAHIFA_PAGE_CACHE_SECONDS + page_cache.SAHIFA_PAGE_CACHE_SWR_SECONDS
        clock.shift(timedelta(seconds=limit + 1))
        assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "miss"
