"""The feeds' views: each feed's bytes are a cached block of its language (renewed by
that language's article and category changes, `docs/caching.md`), served with an ETag
and Last-Modified so readers that have it get a 304, and with Cache-Control."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from sahifa.articles import selectors
from sahifa.core import blocks
from sahifa.feeds import channels, entries
from sahifa.feeds.channels import Channel
from sahifa.feeds.entries import Entry
from sahifa.feeds.syndication import NewsAtom, NewsFeed
from sahifa.languages.alternates import bcp47
from sahifa.pagecache import keys

# How long browsers and proxies may keep a feed without asking again.
FEED_MAX_AGE = 60
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    etag: str
    last_modified: datetime | None


def rendered(content: bytes, content_type: str, updated: list[datetime]) -> Rendered:
    """A feed's bytes with their ETag and the time of its newest change."""
    newest = max(updated, default=None)
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    return Rendered(content, content_type, etag, newest)


def respond(
    request: HttpRequest,
    kind: str,
    render: Callable[[Channel], Rendered],
    category_slug: str | None = None,
) -> HttpResponse:
    """The feed of this kind for the address's language (and category) from the cache,
    built when missing (the category's lookup too), or a 304; 404 for no such
    category."""
    language = get_language()  # the address's: i18n_patterns routes only the site's
    keys.tag(request, keys.feeds(language), keys.language(language))

    def build() -> Rendered | None:
        try:
            return render(channels.find(language, category_slug))
        except Http404:
            return None

    scopes = selectors.block_scopes(language)
    feed = blocks.cached(f"feed:{kind}:{language}:{category_slug or ''}", build, scopes)
    if feed is None:
        raise Http404
    response = HttpResponse(feed.content, content_type=feed.content_type)
    response["ETag"] = feed.etag
    if feed.last_modified is not None:
        response["Last-Modified"] = http_date(feed.last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    last_modified = int(feed.last_modified.timestamp()) if feed.last_modified else None
    conditional = get_conditional_response(
        request, etag=feed.etag, last_modified=last_modified, response=response
    )
    return conditional or response


def syndication(feed: NewsFeed, kind: str) -> Callable[..., HttpResponse]:
    """A view serving ``feed`` (RSS or Atom) for the language in the address."""

    def view(request: HttpRequest, category_slug: str | None = None) -> HttpResponse:
        def render(channel: Channel) -> Rendered:
            generator = feed.get_feed(channel, request)
            content = generator.writeString("utf-8").encode()
            updated = [item["updateddate"] for item in generator.items]
            return rendered(content, feed.feed_type.content_type, updated)

        return respond(request, kind, render, category_slug)

    return view


rss = syndication(NewsFeed(), channels.RSS)
atom = syndication(NewsAtom(), channels.ATOM)


def json_feed(request: HttpRequest) -> HttpResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the language's newest."""
    return respond(request, channels.JSON, render_json)


def render_json(channel: Channel) -> Rendered:
    items = entries.newest(channel)
    document = json_document(channel, items)
    content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return rendered(content, JSON_FEED_TYPE, [item.updated for item in items])


def json_document(channel: Channel, items: list[Entry]) -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.page_url,
        "feed_url": channel.feed_url(channels.JSON),
        "description": channel.description,
        "language": bcp47(channel.language),
        "items": [json_item(item) for item in items],
    }


def json_item(item: Entry) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": item.uri,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_html": item.content_html,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "tags": [item.category],
    }
    if item.author:
        found["authors"] = [{"name": item.author}]
    if item.picture is not None:
        found["image"] = item.picture.url
        found["attachments"] = [
            {
                "url": item.picture.url,
                "mime_type": item.picture.media_type,
                "size_in_bytes": item.picture.size,
            }
        ]
    return found
