"""Every kind of public page names its language's feed in its <head>, and a category's
or an article's page also its category's feed."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL


def feed_links(html: str) -> list[tuple[str, str]]:
    head = html.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">', head
    )


@pytest.mark.parametrize("kind", ["home", "latest", "category", "article", "not found"])
def test_pages_link_their_feeds(client, make_article, world, kind):
    article = make_article("Linked story", category=world)
    path = {
        "home": "/en/",
        "latest": "/en/latest/",
        "category": "/en/world/",
        "article": article.get_url(),
        "not found": "/en/no-such-page/at-all/",
    }[kind]
    response = client.get(path)
    assert response.status_code == (404 if kind == "not found" else 200)
    expected = [("Sahifa — Latest news", f"{BASE}/en/feed/")]
    if kind in ("category", "article"):
        expected.append(("Sahifa — World", f"{BASE}/en/world/feed/"))
    assert feed_links(response.content.decode()) == expected


def test_the_link_title_is_in_the_page_language(client):
    html = client.get("/ru/").content.decode()
    assert feed_links(html) == [("Sahifa — Последние новости", f"{BASE}/ru/feed/")]
