"""Most read articles per language, from the daily counts. Lists are cached for a
minute: they change slowly and every page shows them."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.popularity.models import DailyViews

CACHE_SECONDS = 60
MOST_READ_COUNT = 5


def most_read(language_code: str, days: int = 1, count: int = MOST_READ_COUNT) -> list[Article]:
    """Published articles of a language with the most views in the last ``days`` days
    (today counts as one), most viewed first; ties go to the newer article."""
    today = timezone.localdate()
    key = f"popularity:most-read:{language_code}:{days}:{count}:{today.isoformat()}"
    ids = cache.get(key)
    if ids is None:
        ids = _ranked_ids(language_code, today - timedelta(days=days), count)
        cache.set(key, ids, CACHE_SECONDS)
    if not ids:
        return []
    # Fetched again so an article unpublished within the minute drops out at once.
    articles = selectors.published().in_bulk(ids)
    return [articles[pk] for pk in ids if pk in articles]


def _ranked_ids(language_code: str, after: date, count: int) -> list[int]:
    """Ids of the most viewed published articles of a language counted after ``after``.

    Grouped over the daily counts rather than annotated onto the article list: the
    article-first form made SQLite walk every article of the language (~150 ms at 100,000).
    """
    return list(
        DailyViews.objects.filter(
            day__gt=after,
            article__locale__language_code=language_code,
        )
        .filter(selectors.is_published("article__"))
        .values("article_id")
        .annotate(recent_views=Sum("views"))
        .order_by("-recent_views", "-article__first_published_at", "-article_id")
        .values_list("article_id", flat=True)[:count]
    )


def most_read_today(language_code: str) -> Article | None:
    articles = most_read(language_code, days=1, count=1)
    return articles[0] if articles else None
