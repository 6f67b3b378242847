"""The category a new article starts in."""

from __future__ import annotations

from typing import Any

from wagtail.models import Locale

from sahifa.articles.models import Article, Category


def default_for(user: Any, locale: Locale) -> Category | None:
    """The category of the editor's latest article in the language, else the
    language's first category (home page order)."""
    last = (
        Article.objects.filter(locale=locale, latest_revision__user_id=user.pk)
        .order_by("-latest_revision__created_at")
        .values_list("category_id", flat=True)
        .first()
    )
    found = Category.objects.filter(locale=locale)
    if last is not None:
        return found.filter(pk=last).first()
    return found.order_by("sort_order", "name").first()
