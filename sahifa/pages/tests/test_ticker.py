"""The `Today` ticker in the header: the top story, except on the top story's own page,
where the reader is reading it already and gets the next story."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def ticker(client, url: str) -> str:
    link = BeautifulSoup(client.get(url).content, "html.parser").select_one(".ticker-link")
    assert link is not None, f"{url} has no ticker"
    return link.get_text(strip=True)


def test_the_top_storys_page_shows_the_next_story(client, make_article):
    top = make_article(headline="The pinned story", is_top_story=True, age=timedelta(hours=5))
    newest = make_article(headline="The newest story", age=timedelta(minutes=5))
    other = make_article(headline="An older story", age=timedelta(hours=9))
    assert ticker(client, "/en/") == top.headline
    assert ticker(client, other.get_url()) == top.headline
    assert ticker(client, newest.get_url()) == top.headline
    assert ticker(client, top.get_url()) == newest.headline


def test_a_language_with_one_story_shows_no_ticker_on_its_page(client, make_article):
    only = make_article(headline="The only story")
    page = BeautifulSoup(client.get(only.get_url()).content, "html.parser")
    assert page.select_one(".ticker") is None
