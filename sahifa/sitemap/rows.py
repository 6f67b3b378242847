"""The queries of the sitemaps: published articles as plain rows (only the columns an
entry needs, no model objects), fetched in chunks so a file of 50,000 never holds
them all, and the few aggregates the index needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from wagtail.models import Locale

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category

# Google News: articles of the last two days, at most 1,000 a file.
NEWS_PER_FILE = 1_000
NEWS_WINDOW = timedelta(hours=48)
# Rows fetched (and their translations looked up) at a time.
CHUNK_SIZE = 2_000


class Row(NamedTuple):
    pk: int
    category_slug: str
    slug: str
    lastmod: datetime  # the later of the last edit and the first publication
    image: str | None  # the picture's stored file name
    first_published_at: datetime | None = None  # news rows only
    headline: str = ""  # news rows only


_LOOKUPS = ("pk", "category__slug", "slug", "lastmod", "image__file")
# The later of two moments, computed by the database: one value to read and convert.
_LASTMOD = Greatest("updated_at", Coalesce("first_published_at", "updated_at"))


def urls_per_file() -> int:
    """How many addresses an article file holds at most (the setting; 50,000 by default)."""
    return settings.SAHIFA_SITEMAP_URLS_PER_FILE


def _rows(articles: QuerySet[Article], *extra: str) -> QuerySet[Any]:
    return articles.annotate(lastmod=_LASTMOD).values_list(*_LOOKUPS, *extra)


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


def in_range(language: str, chunk: list[Row]) -> QuerySet[Article]:
    """The language's articles in the id range of a chunk of rows (drafts too: they only
    add versions no row asks for, which is cheaper than testing them)."""
    locale = Locale.objects.filter(language_code=language).values("pk")[:1]
    ids = [row.pk for row in chunk]
    return Article.objects.filter(locale_id=locale, pk__range=(min(ids), max(ids)))


def news_rows(language: str, page: int) -> list[Row]:
    """File ``page`` (from 1) of the language's articles of the last 48 hours, newest
    first."""
    recent = selectors.published_in(language).filter(first_published_at__gte=news_since())
    start = (page - 1) * NEWS_PER_FILE
    found = _rows(recent, "first_published_at", "headline")[start : start + NEWS_PER_FILE]
    return [Row(*row) for row in found]


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
