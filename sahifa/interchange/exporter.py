"""Export articles as ninjs JSON Lines that `import_ninjs` reads back unchanged.

from sahifa.interchange.exporter import export_ninjs
for line in export_ninjs():          # every article, oldest first
    out.write(line + "\\n")
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from sahifa.articles.models import Article
from sahifa.images.models import NewsImage
from sahifa.interchange.languages import tag_for_language
from sahifa.interchange.ninjs import (
    IMAGE_URN,
    NORMAL_PRIORITY,
    TOP_STORY_PRIORITY,
    X_CATEGORY_SLUG,
    X_SLUG,
    X_SOCIAL_HEADLINE,
    X_SOURCE_NAME,
    X_SOURCE_URL,
    X_TRANSLATION_KEY,
    X_VIEWS,
)

CHUNK = 500


def export_ninjs(queryset: QuerySet[Article] | None = None) -> Iterator[str]:
    """One JSON line (without newline) per article of ``queryset`` (default: all)."""
    articles = Article.objects.all() if queryset is None else queryset
    articles = (
        articles.select_related("locale", "category", "image")
        .prefetch_related("tagged_items__tag")
        .order_by("pk")
    )
    for article in articles.iterator(chunk_size=CHUNK):
        yield json.dumps(article_to_ninjs(article), ensure_ascii=False, separators=(",", ":"))


def article_to_ninjs(article: Article) -> dict[str, Any]:
    item: dict[str, Any] = {
        "uri": article.uri,
        "type": "text",
        "pubstatus": "usable" if article.live else "withheld",
        "language": tag_for_language(article.locale.language_code),
        "headline": article.headline,
        "description_text": article.lead,
        "body_html": article.body,
        "versioncreated": _iso(article.updated_at),
        "priority": TOP_STORY_PRIORITY if article.is_top_story else NORMAL_PRIORITY,
        "subject": [_subject(article)],
        X_CATEGORY_SLUG: article.category.slug,
        X_SLUG: article.slug,
        X_VIEWS: article.view_count,
        X_TRANSLATION_KEY: str(article.translation_key),
    }
    if article.first_published_at:
        item["firstcreated"] = _iso(article.first_published_at)
    optional = {
        "byline": article.byline,
        "keywords": sorted(t.tag.name for t in article.tagged_items.all()),
        X_SOCIAL_HEADLINE: article.social_headline,
        X_SOURCE_NAME: article.source_name,
        X_SOURCE_URL: article.source_url,
    }
    item.update({key: value for key, value in optional.items() if value})
    if image := article.image:
        item["associations"] = {"featuremedia": _picture(article, image)}
    return item


def _iso(value: datetime) -> str:
    return timezone.localtime(value).isoformat()


def _subject(article: Article) -> dict[str, str]:
    subject = {"name": article.category.name}
    if article.category.code:
        subject["code"] = article.category.code
    return subject


def _picture(article: Article, image: NewsImage) -> dict[str, Any]:
    rendition = {
        "href": absolute_media_url(image.file.url),
        "width": image.width,
        "height": image.height,
    }
    if kind := mimetypes.guess_type(image.file.name)[0]:
        rendition["mimetype"] = kind
    picture = {
        "type": "picture",
        "uri": image.source_uri or f"{IMAGE_URN}{image.file_hash or image.pk}",
        "headline": image.title,
        "renditions": {"original": rendition},
    }
    if article.caption:
        picture["description_text"] = article.caption
    if article.credit:
        picture["byline"] = article.credit
    return picture


def absolute_media_url(url: str) -> str:
    """Media URLs are paths unless storage serves them from elsewhere (a CDN)."""
    return url if "://" in url else f"{settings.SAHIFA_BASE_URL}{url}"
