"""Most read articles per language, from the daily counts. Lists are cached for a
minute: they change slowly and every page shows them."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article

CACHE_SECONDS = 60
MOST_READ_COUNT = 5


def most_read(language_code: str, days: int = 1, count: int = MOST_READ_COUNT) -> list[Article]:
    """Published articles of a language with the most views in the last ``days`` days
    (today counts as one), most viewed first; ties go to the newer article."""
    today = timezone.localdate()
    key = f"popularity:most-read:{language_code}:{days}:{count}:{today.isoformat()}"
    ids = cache.get(key)
    if ids is None:
        ids = list(
            selectors.published_in(language_code)
            .filter(daily_views__day__gt=today - timedelta(days=days))
            .annotate(recent_views=Sum("daily_views__views"))
            .order_by("-recent_views", "-first_published_at", "-pk")
            .values_list("pk", flat=True)[:count]
        )
        cache.set(key, ids, CACHE_SECONDS)
    if not ids:
        return []
    # Fetched again so an article unpublished within the minute drops out at once.
    articles = selectors.published().in_bulk(ids)
    return [articles[pk] for pk in ids if pk in articles]


def most_read_today(language_code: str) -> Article | None:
    articles = most_read(language_code, days=1, count=1)
    return articles[0] if articles else None
