"""A feed's items: the newest published articles of a channel with everything a feed
reader shows, in one query for the articles and a fixed few for their bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.core.urls import absolute_url
from sahifa.core.xmltext import xml_text
from sahifa.feeds.bodies import absolute_bodies
from sahifa.feeds.channels import Channel
from sahifa.images.files import media_type, original_url

FEED_SIZE = 50


@dataclass(frozen=True)
class Picture:
    """An article's main picture: its original file."""

    url: str
    size: int  # bytes; 0 when the file cannot be found
    media_type: str
    width: int
    height: int
    caption: str
    credit: str


@dataclass(frozen=True)
class Entry:
    uri: str  # the article's ninjs URI: never changes, whatever an editor edits
    url: str
    title: str
    summary: str  # the lead, plain text
    content_html: str  # the whole body, addresses absolute
    category: str
    author: str
    published: datetime  # in the site's time zone, with its offset
    updated: datetime
    picture: Picture | None


def newest(channel: Channel) -> list[Entry]:
    if channel.category is None:
        articles = selectors.published_in(channel.language)
    else:
        articles = selectors.published().filter(category_id=channel.category.pk)
    found = list(articles[:FEED_SIZE])
    bodies = absolute_bodies([xml_text(article.body) for article in found])
    return [entry_of(article, body) for article, body in zip(found, bodies, strict=True)]


def entry_of(article: Article, body_html: str) -> Entry:
    # Whole seconds: what RSS can say, and enough for readers.
    published = timezone.localtime(article.published_at).replace(microsecond=0)
    return Entry(
        uri=article.uri,
        url=absolute_url(article.get_url()),
        title=xml_text(article.headline),
        summary=xml_text(article.lead),
        content_html=body_html,
        category=article.category.name,
        author=xml_text(article.byline),
        published=published,
        updated=max(timezone.localtime(article.updated_at).replace(microsecond=0), published),
        picture=picture_of(article),
    )


def picture_of(article: Article) -> Picture | None:
    image = article.image
    if image is None:
        return None
    name = image.file.name or ""
    return Picture(
        url=original_url(name),
        size=_file_size(image),
        media_type=media_type(name),
        width=image.width,
        height=image.height,
        caption=xml_text(article.caption),
        credit=xml_text(article.credit),
    )


def _file_size(image) -> int:
    if image.file_size is not None:  # stored on upload
        return image.file_size
    try:
        return image.file.size
    except OSError:  # the file is gone: feeds say 0 for an unknown length
        return 0
