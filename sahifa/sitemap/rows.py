"""The queries of the sitemaps: published articles as plain rows (only the columns an
entry needs, no model objects), fetched in chunks so a file of 50,000 never holds
them all, and the few aggregates the index needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category

# Each file of the article sitemaps holds at most this many addresses (the protocol's
# limit; lower it with SAHIFA_SITEMAP_URLS_PER_FILE if files pass 50 MB).
URLS_PER_FILE = 50_000
# Google News: articles of the last two days, at most 1,000 a file.
NEWS_PER_FILE = 1_000
NEWS_WINDOW = timedelta(hours=48)
# Rows fetched (and their translations looked up) at a time.
CHUNK_SIZE = 2_000


class Row(NamedTuple):
    pk: int
    translation_key: UUID | None
    category_slug: str
    slug: str
    first_published_at: datetime | None
    updated_at: datetime
    image: str | None  # the picture's stored file name
    headline: str = ""

    @property
    def lastmod(self) -> datetime:
        return max(self.updated_at, self.first_published_at or self.updated_at)


_LOOKUPS = ("pk", "translation_key", "category__slug", "slug", "first_published_at",
            "updated_at", "image__file")  # fmt: skip


def urls_per_file() -> int:
    return int(getattr(settings, "SAHIFA_SITEMAP_URLS_PER_FILE", URLS_PER_FILE))


def _rows(articles: QuerySet[Article], *extra: str) -> QuerySet[Any]:
    return articles.values_list(*_LOOKUPS, *extra)


def article_chunks(language: str, page: int, chunk_size: int = CHUNK_SIZE) -> Iterator[list[Row]]:
    """The rows of file ``page`` (from 1) of a language's articles, oldest first (so a
    file's content changes only when its own articles do), a chunk at a time: the first
    found by its place, the next ones after the last id seen."""
    per_file = urls_per_file()
    ordered = _rows(selectors.published_in(language).order_by("pk"))
    start = (page - 1) * per_file
    left = per_file
    chunk = [Row(*row) for row in ordered[start : start + min(chunk_size, left)]]
    while chunk:
        yield chunk
        left -= len(chunk)
        if left <= 0 or len(chunk) < chunk_size:
            return
        after = ordered.filter(pk__gt=chunk[-1].pk)[: min(chunk_size, left)]
        chunk = [Row(*row) for row in after]


def news_rows(language: str, page: int) -> list[Row]:
    """File ``page`` (from 1) of the language's articles of the last 48 hours, newest
    first."""
    recent = selectors.published_in(language).filter(first_published_at__gte=news_since())
    start = (page - 1) * NEWS_PER_FILE
    return [Row(*row) for row in _rows(recent, "headline")[start : start + NEWS_PER_FILE]]


def news_since() -> datetime:
    return timezone.now() - NEWS_WINDOW


@dataclass(frozen=True)
class LanguageFigures:
    """What the index needs of a language's published articles."""

    articles: int
    lastmod: datetime | None
    news: int  # of the last 48 hours
    news_lastmod: datetime | None


def language_figures() -> dict[str, LanguageFigures]:
    """Per language: how many published articles, how many recent, and their newest
    change; one query for all languages."""
    recent = Q(first_published_at__gte=news_since())
    grouped = (
        selectors.published()
        .order_by()
        .values("locale__language_code")
        .annotate(
            articles=Count("pk"),
            updated=Max("updated_at"),
            published=Max("first_published_at"),
            news=Count("pk", filter=recent),
            news_updated=Max("updated_at", filter=recent),
            news_published=Max("first_published_at", filter=recent),
        )
    )
    return {
        row["locale__language_code"]: LanguageFigures(
            articles=row["articles"],
            lastmod=newest(row["updated"], row["published"]),
            news=row["news"],
            news_lastmod=newest(row["news_updated"], row["news_published"]),
        )
        for row in grouped
    }


def file_lastmod(language: str, page: int) -> datetime | None:
    """The newest change among the articles of one file of a language's sitemap."""
    per_file = urls_per_file()
    start = (page - 1) * per_file
    rows = (
        selectors.published_in(language).order_by("pk").values("updated_at", "first_published_at")
    )
    found = rows[start : start + per_file].aggregate(
        updated=Max("updated_at"), published=Max("first_published_at")
    )
    return newest(found["updated"], found["published"])


def categories_with_lastmod() -> list[tuple[Category, datetime | None]]:
    """Every category (all languages) with the newest change among its published
    articles (None for a category without any); one query."""
    published = selectors.is_published("articles__")
    categories = Category.objects.select_related("locale").annotate(
        updated=Max("articles__updated_at", filter=published),
        published=Max("articles__first_published_at", filter=published),
    )
    return [
        (category, newest(getattr(category, "updated"), getattr(category, "published")))  # noqa: B009
        for category in categories
    ]


def newest(*moments: datetime | None) -> datetime | None:
    return max((m for m in moments if m is not None), default=None)
