"""The RSS and Atom feeds as Django syndication feeds: what each item says comes from
`entries`, the channel's addresses and titles from `channels`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Enclosure, SyndicationFeed
from django.utils.html import escape

from sahifa.feeds import channels, entries
from sahifa.feeds.channels import Channel
from sahifa.feeds.entries import Entry
from sahifa.feeds.generators import NewsAtomFeed, NewsRssFeed
from sahifa.languages.alternates import bcp47


class NewsFeed(Feed):
    """RSS 2.0 of a channel (`get_object` gets the channel from the view)."""

    feed_type: type[NewsRssFeed] | type[NewsAtomFeed] = NewsRssFeed
    kind = channels.RSS
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Channel:
        return kwargs["channel"]

    def get_feed(self, obj: Channel, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["language"] = bcp47(obj.language)  # uz-Latn, uz-Cyrl: the script too
        return feed

    def title(self, obj: Channel) -> str:
        return obj.title

    def description(self, obj: Channel) -> str:
        return obj.description

    def link(self, obj: Channel) -> str:
        return obj.page_url

    def feed_url(self, obj: Channel) -> str:
        return obj.feed_url(self.kind)

    def items(self, obj: Channel) -> list[Entry]:
        return entries.newest(obj)

    def item_title(self, item: Entry) -> str:
        # Plain text, as RSS and Atom define it (not Django's HTML-escaped default).
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.url

    def item_description(self, item: Entry) -> str:
        return escape(item.summary)  # the lead is plain text; the description is HTML

    def item_guid(self, item: Entry) -> str:
        return item.uri

    def item_author_name(self, item: Entry) -> str | None:
        return item.author or None

    def item_pubdate(self, item: Entry) -> datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime:
        return item.updated

    def item_categories(self, item: Entry) -> list[str]:
        return [item.category]

    def item_enclosures(self, item: Entry) -> list[Enclosure]:
        picture = item.picture
        if picture is None:
            return []
        return [Enclosure(picture.url, str(picture.size), picture.media_type)]

    def item_extra_kwargs(self, item: Entry) -> dict[str, Any]:
        return {"content_html": item.content_html, "picture": item.picture}


class NewsAtom(NewsFeed):
    feed_type = NewsAtomFeed
    kind = channels.ATOM

    def subtitle(self, obj: Channel) -> str:
        return obj.description
