"""Reading stored lists: what the article page, the endpoint and the command show."""

from __future__ import annotations

from django.db.models import QuerySet

from sahifa.articles import selectors
from sahifa.articles.models import Article


def stored_similar(article: Article) -> QuerySet[Article]:
    """The article's stored list, still-published items only, in rank order (one query)."""
    return (
        selectors.published()
        .filter(listed_in__article=article, locale_id=article.locale_id)
        .order_by("listed_in__rank")
    )


def similar_for_page(article: Article, count: int) -> list[Article]:
    """The stored list; the category's latest until a list has been computed."""
    items = list(selectors.as_cards(stored_similar(article))[:count])
    return items or selectors.category_latest(article, count)


def find_article(reference: str) -> Article | None:
    """A published article by ninjs URI or by numeric id."""
    articles = selectors.published()
    found = articles.filter(uri=reference).first()
    if found is None and reference.isdigit():
        found = articles.filter(pk=int(reference)).first()
    return found
