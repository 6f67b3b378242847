"""What the public templates get: shared by the routes and the admin preview."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from sahifa.articles import selectors
from sahifa.articles.models import Article

HOME_LATEST = 12
HOME_PER_CATEGORY = 4


def chrome_context(request: HttpRequest, language_code: str) -> dict[str, Any]:
    """What every page's header and footer show: languages, sections, the ticker."""
    return {
        "language_code": language_code,
        "categories": list(selectors.categories_in(language_code)),
        "ticker": selectors.top_story(language_code),
        "home_url": f"/{language_code}/",
    }


def list_context(request: HttpRequest, language_code: str) -> dict[str, Any]:
    return chrome_context(request, language_code)


def home_context(request: HttpRequest, language_code: str) -> dict[str, Any]:
    context = chrome_context(request, language_code)
    articles = selectors.published_in(language_code)
    context["latest"] = list(articles[:HOME_LATEST])
    context["category_blocks"] = [
        (category, list(articles.filter(category=category)[:HOME_PER_CATEGORY]))
        for category in context["categories"]
    ]
    return context


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    context = chrome_context(request, article.locale.language_code)
    context["article"] = article
    context["similar"] = selectors.category_latest(article, settings.SAHIFA_SIMILAR_COUNT)
    return context
