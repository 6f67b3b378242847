"""Reading stored lists: what the article page, the endpoint and the command show."""

from __future__ import annotations

from django.db.models import QuerySet

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.core import blocks
from sahifa.core.api import as_id

MAX_URI = Article._meta.get_field("uri").max_length or 500


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
    return items or category_latest(article, count)


def category_latest(article: Article, count: int) -> list[Article]:
    """Newest other articles of the article's category (until similar news exists):
    the category's newest, shared by all its articles, kept a few seconds in the cache."""
    language = article.locale.language_code
    newest = blocks.cached(
        f"category-latest:{article.category_id}:{count}",
        lambda: list(
            selectors.as_cards(selectors.published().filter(category_id=article.category_id))[
                : count + 1
            ]
        ),
        scopes=[f"articles:{language}", f"categories:{language}", "images"],
    )
    return [item for item in newest if item.pk != article.pk][:count]


def stored_list(article: Article, limit: int) -> tuple[list[str], bool]:
    """The URIs of the article's stored list (at most ``limit``), and whether it has
    one: a list is computed by a job, never while a reader waits."""
    uris = list(stored_similar(article).values_list("uri", flat=True)[:limit])
    return uris, bool(uris) or article.similar_items.exists()


def find_article(reference: str) -> Article | None:
    """A published article by ninjs URI or by numeric id."""
    if len(reference) > MAX_URI or "\x00" in reference:
        return None  # no URI is that long; NUL cannot be in a query on PostgreSQL
    articles = selectors.published()
    found = articles.filter(uri=reference).first()
    if found is None and (pk := as_id(reference)) is not None:
        found = articles.filter(pk=pk).first()
    return found
