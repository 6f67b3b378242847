"""Reading stored lists: what the article page, the endpoint and the command show."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.core import blocks
from sahifa.core.api import as_id
from sahifa.images import renditions

MAX_URI = Article._meta.get_field("uri").max_length or 500


def stored_similar(article: Article) -> QuerySet[Article]:
    """The article's stored list, still-published items only, in rank order (one query)."""
    return (
        selectors.published()
        .filter(listed_in__article=article, locale_id=article.locale_id)
        .order_by("listed_in__rank")
    )


# The scope of the article pages' similar lists, renewed when stored lists are written.
LISTS_SCOPE = "similar"
# A page's list is renewed by change events and list writes; the time only bounds a
# change that sent none (an expiry not yet run by the schedule).
PAGE_LIST_SECONDS = 300


def similar_for_page(article: Article, count: int) -> list[Article]:
    """``count`` articles whenever the language has that many others: the engine's
    stored list first, filled from the category's newest, then the language's newest.
    The engine's list replaces the others as the site grows (on a new site it keeps
    only what it finds similar enough). A shared block, card pictures attached."""
    return blocks.cached(
        f"similar:{article.pk}:{count}",
        lambda: page_list(article, count),
        [*selectors.block_scopes(article.locale.language_code), LISTS_SCOPE],
        PAGE_LIST_SECONDS,
    )


def page_list(article: Article, count: int) -> list[Article]:
    """The list itself, built from the database and the category's and language's
    newest (shared blocks), card pictures attached."""
    items = list(selectors.as_cards(stored_similar(article))[:count])
    if len(items) < count:
        # Both shared blocks are read, so a page costs as many queries however many
        # articles the category has.
        for more in (category_latest(article, count), language_latest(article, count)):
            items = filled(items, more, article, count)
    selectors.attach_renditions((items, [renditions.CARD]))
    return items


def lists_changed() -> None:
    """Stored lists were written: the pages' lists are built again, at once and when
    the transaction commits (no reader keeps one built from the old rows)."""
    blocks.renew(LISTS_SCOPE)
    transaction.on_commit(lambda: blocks.renew(LISTS_SCOPE))


def filled(
    items: list[Article], more: list[Article], article: Article, count: int
) -> list[Article]:
    """``items``, then those of ``more`` not shown yet, up to ``count``."""
    shown = {article.pk, *(item.pk for item in items)}
    extra = [item for item in more if item.pk not in shown]
    return items + extra[: count - len(items)]


def category_latest(article: Article, count: int) -> list[Article]:
    """Newest other articles of the article's category: the category's newest, shared
    by all its articles, kept a few seconds in the cache."""
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


def language_latest(article: Article, count: int) -> list[Article]:
    """Newest other articles of the article's language, shared by all its articles."""
    language = article.locale.language_code
    newest = blocks.cached(
        f"language-latest:{language}:{count}",
        lambda: list(selectors.as_cards(selectors.published_in(language))[: count + 1]),
        scopes=selectors.block_scopes(language),
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
