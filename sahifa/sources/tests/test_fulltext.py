"""A source whose feed carries only summaries: each new item's page is read and its
article text taken, cleaned; a page that cannot be had leaves the summary."""

from __future__ import annotations

import json

import pytest

from sahifa.articles.models import Article
from sahifa.sources import polling
from sahifa.sources.tests.conftest import Route

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "The city council approved a plan on Friday to build three new bridges across the "
    "river, officials said, adding that work would start in the spring.",
    "The bridges will carry trams as well as cars, and the first one should open within "
    "two years, according to the mayor's office.",
    "Residents of the eastern districts have waited for a shorter way into the centre for "
    "more than a decade, and many welcomed the decision at a public hearing.",
    "The plan is paid for by the city budget and a loan from a development bank.",
]
PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridges</title>
<script>var tracker = 1;</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Three new bridges for the city</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<p onclick="x()">Read more <a href="javascript:alert(1)">here</a>.</p></article>
<aside>Most read: something else entirely</aside><footer>© City News</footer></body></html>"""


def test_summaries_become_whole_articles(feeds, make_source):
    feeds.routes["/story.html"] = Route(PAGE.encode(), "text/html; charset=utf-8")
    feeds.routes["/feed.json"] = Route(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "City News",
        "items": [
            {"id": "1", "url": feeds.url("/story.html"), "title": "Three new bridges",
             "summary": "The council approved three bridges."},
            {"id": "2", "url": feeds.url("/gone.html"), "title": "A story whose page is gone",
             "summary": "Only this summary is left of it."},
        ],
    }).encode())  # fmt: skip
    source = make_source(feeds.url("/feed.json"), name="City", language="en", full_text=True)
    (result,) = polling.poll([source])

    bridges = Article.objects.get(headline="Three new bridges")
    assert all(p in bridges.body for p in PARAGRAPHS)
    assert "Most read" not in bridges.body and "tracker" not in bridges.body
    assert "Three new bridges for the city" not in bridges.body  # the page's own title
    assert "javascript:" not in bridges.body and "onclick" not in bridges.body
    gone = Article.objects.get(headline="A story whose page is gone")
    assert gone.lead == "Only this summary is left of it." and gone.body == ""
    assert (
        "A story whose page is gone: the full text was not taken: the page answered HTTP 404"
        in result.outcome.notes
    )


def test_off_by_default(feeds, make_source):
    feeds.routes["/story.html"] = Route(PAGE.encode(), "text/html; charset=utf-8")
    feeds.routes["/feed.json"] = Route(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "City News",
        "items": [{"id": "1", "url": feeds.url("/story.html"), "title": "Three new bridges",
                   "summary": "The council approved three bridges."}],
    }).encode())  # fmt: skip
    source = make_source(feeds.url("/feed.json"), name="City", language="en")
    polling.poll([source])
    assert Article.objects.get(headline="Three new bridges").body == ""
    assert feeds.hits("/story.html") == []
