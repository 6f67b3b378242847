from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from sahifa.popularity.selectors import most_read as most_read_articles

register = template.Library()


@register.inclusion_tag("popularity/view_counter.html", takes_context=True)
def view_counter(context: dict[str, Any], article: Any) -> dict[str, Any]:
    """The article's view total; on the live page, the beacon that counts this view
    and then shows the fresh total in the same place."""
    request = context.get("request")
    count = article.view_count
    live = bool(article.pk and article.live and not getattr(request, "is_preview", False))
    return {
        "count": count,
        # Room for two more digits, so a growing number never shifts the line.
        "width": len(str(count)) + 2,
        "beacon_url": reverse("popularity:beacon", args=[article.pk]) if live else "",
    }


@register.inclusion_tag("popularity/most_read.html", takes_context=True)
def most_read(context: dict[str, Any], count: int = 5) -> dict[str, Any]:
    """Most read today and this week in the page's language."""
    language_code = context.get("language_code") or context.get("LANGUAGE_CODE", "")
    return {
        "today": most_read_articles(language_code, days=1, count=count),
        "week": most_read_articles(language_code, days=7, count=count),
    }
