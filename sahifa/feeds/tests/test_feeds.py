"""Every feed, parsed as a feed reader parses it (feedparser), says what readers need of
each article, in the feed's own language, and answers conditional requests."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.conf import settings

from sahifa.articles import actions
from sahifa.articles.models import Article

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL
XML_FEEDS = ["/en/feed/", "/en/feed/atom/", "/en/world/feed/", "/en/world/feed/atom/"]
OFFSET = re.compile(r"[+-]\d\d:?\d\d$")


def parsed(client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


@pytest.mark.parametrize("path", XML_FEEDS)
def test_each_feed_says_what_readers_need_of_each_article(client, add_articles, path):
    articles = add_articles(2)
    feed = parsed(client, path)
    is_category = "/world/" in path
    assert feed.feed.title == ("Sahifa — World" if is_category else "Sahifa — Latest news")
    assert feed.feed.link == f"{BASE}/en/{'world' if is_category else 'latest'}/"
    assert feed.feed.language == "en"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{BASE}{path}"]

    assert [entry.title for entry in feed.entries] == ["Story 0", "Story 1"]
    entry, article = feed.entries[0], articles[0]
    assert entry.link == f"{BASE}{article.get_url()}"
    assert entry.id == article.uri
    assert entry.summary == "Lead 0 &lt;with&gt; care"  # the lead, as HTML
    assert entry.author == "Reporter 0"
    assert [tag.term for tag in entry.tags] == ["World"]
    assert entry.published_parsed and entry.updated_parsed
    # The full body with absolute addresses: the link and the picture inside it.
    body = entry.content[0].value
    assert "Second paragraph." in body
    assert f'href="{BASE}/en/world/"' in body
    assert re.search(rf'src="{re.escape(BASE)}/media/images/[^"]+"', body)
    # The main picture, its size in bytes and its type, twice over.
    picture = article.image
    picture_url = f"{BASE}{picture.file.url}"
    (enclosure,) = entry.enclosures
    assert (enclosure.href, int(enclosure.length), enclosure.type) == (
        picture_url,
        picture.file.size,
        "image/jpeg",
    )
    (media,) = entry.media_content
    assert (media["url"], int(media["filesize"]), media["type"], media["medium"]) == (
        picture_url,
        picture.file.size,
        "image/jpeg",
        "image",
    )
    assert entry.media_credit[0]["content"] == "Agency"


@pytest.mark.parametrize("path", XML_FEEDS)
def test_times_carry_the_site_offset(client, add_articles, path):
    add_articles(1)
    text = client.get(path).content.decode()
    if "/atom/" in path:
        times = re.findall(r"<(?:published|updated)>([^<]+)<", text)
    else:
        times = re.findall(r"<(?:pubDate|atom:updated)>([^<]+)<", text)
    assert len(times) >= 2
    assert all(OFFSET.search(moment) and ("+05" in moment or "+0500" in moment) for moment in times)


def test_json_feed(client, add_articles):
    articles = add_articles(2)
    response = client.get("/en/feed/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert (feed["title"], feed["language"]) == ("Sahifa — Latest news", "en")
    assert feed["feed_url"] == f"{BASE}/en/feed/json/"
    item, article = feed["items"][0], articles[0]
    assert item["id"] == article.uri
    assert item["url"] == f"{BASE}{article.get_url()}"
    assert (item["title"], item["summary"]) == ("Story 0", "Lead 0 <with> care")
    assert f'href="{BASE}/en/world/"' in item["content_html"]
    assert item["authors"] == [{"name": "Reporter 0"}]
    assert item["tags"] == ["World"]
    assert OFFSET.search(item["date_published"]) and OFFSET.search(item["date_modified"])
    (attachment,) = item["attachments"]
    assert attachment == {
        "url": f"{BASE}{article.image.file.url}",
        "mime_type": "image/jpeg",
        "size_in_bytes": article.image.file.size,
    }


def test_a_title_with_markup_characters_reads_as_written(client, make_article, world):
    make_article("Fish & chips <b>cheaper</b>", category=world, lead="A & B")
    for path in ("/en/feed/", "/en/feed/atom/"):
        (entry,) = parsed(client, path).entries
        assert entry.title == "Fish & chips <b>cheaper</b>", path


def test_the_fifty_newest_published_articles(client, make_article, world):
    made = [make_article(f"Story {n}", category=world, age=timedelta(minutes=n)) for n in range(51)]
    make_article("A draft", category=world, live=False)
    titles = [entry.title for entry in parsed(client, "/en/feed/").entries]
    assert titles == [f"Story {n}" for n in range(50)]
    assert len(json.loads(client.get("/en/feed/json/").content)["items"]) == 50
    assert made


def test_a_category_feed_has_only_its_category(client, make_article, make_category, world):
    make_article("In world", category=world)
    make_article("In sport", category=make_category("en", "sport", "Sport"))
    assert [e.title for e in parsed(client, "/en/world/feed/").entries] == ["In world"]
    assert [e.title for e in parsed(client, "/en/sport/feed/").entries] == ["In sport"]
    assert {e.title for e in parsed(client, "/en/feed/").entries} == {"In world", "In sport"}


def test_unknown_category_is_not_found(client, world):
    assert client.get("/en/nowhere/feed/").status_code == 404
    assert client.get("/ru/world/feed/").status_code == 404  # World is not a Russian category


def test_the_id_stays_when_the_headline_changes_and_the_feed_follows(
    client, make_article, world, django_capture_on_commit_callbacks
):
    article = make_article("First headline", category=world)
    (before,) = parsed(client, "/en/feed/").entries
    article.headline = "Edited headline"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    (after,) = parsed(client, "/en/feed/").entries  # the change event renewed the feed
    assert (before.title, after.title) == ("First headline", "Edited headline")
    assert before.id == after.id == Article.objects.get(pk=article.pk).uri


@pytest.mark.parametrize(
    ("language", "title", "description"),
    [
        ("uz", "Sahifa — Soʻnggi xabarlar", "Sahifa saytidagi eng yangi maqolalar"),
        ("uz-cyrl", "Sahifa — Сўнгги хабарлар", "Sahifa сайтидаги энг янги мақолалар"),
        ("ru", "Sahifa — Последние новости", "Новейшие статьи на сайте Sahifa"),
        ("en", "Sahifa — Latest news", "The newest articles on Sahifa"),
    ],
)
def test_feed_titles_are_in_the_feed_language(client, language, title, description):
    feed = parsed(client, f"/{language}/feed/")
    assert (feed.feed.title, feed.feed.subtitle) == (title, description)
    assert feed.feed.language == {"uz": "uz-Latn", "uz-cyrl": "uz-Cyrl"}.get(language, language)
    document = json.loads(client.get(f"/{language}/feed/json/").content)
    assert (document["title"], document["description"]) == (title, description)


@pytest.mark.parametrize("path", [*XML_FEEDS, "/en/feed/json/"])
def test_conditional_requests_get_not_modified(client, add_articles, path):
    add_articles(1)
    first = client.get(path)
    assert "max-age=60" in first["Cache-Control"] and "public" in first["Cache-Control"]
    etag, modified = first["ETag"], first["Last-Modified"]
    by_etag = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == etag
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
