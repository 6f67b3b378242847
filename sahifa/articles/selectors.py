"""The queries the public site makes for articles: one place, so every page agrees on
what "published" means and fetches what its templates use in one go."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db.models import Q, QuerySet, Subquery
from django.db.models.functions import Now
from django.utils import timezone
from wagtail.models import Locale

from sahifa.articles.models import Article, ArticleTag, Category
from sahifa.images import renditions


def is_published(prefix: str = "") -> Q:
    """What "published" means: live, not expired, expiry not passed (by the database's
    clock). ``prefix`` names the article from another model (``"article__"``)."""
    return Q(**{f"{prefix}live": True, f"{prefix}expired": False}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": Now()})
    )


@functools.cache
def _published() -> QuerySet[Article]:
    # Built once, cloned per use: building it cost more than cloning it. The database's
    # clock, not Python's, so the one query serves every request.
    return (
        Article.objects.filter(is_published())
        .select_related("category__locale", "locale", "image")
        .order_by("-first_published_at", "-pk")
    )


def published() -> QuerySet[Article]:
    """Live, unexpired articles, newest first, with what a list item shows."""
    return _published().all()


# What a headline in a list shows (pages/includes/latest_list.html) and what a card adds
# (article_card.html), with its expiry time (a cached list drops a card past it). The
# rest of an article's columns stay in the database: fewer to compile, read and build for
# every item, and to keep in the cache for cached lists.
HEADLINE_FIELDS = ("headline", "slug", "category", "locale", "first_published_at", "updated_at")
CARD_FIELDS = (*HEADLINE_FIELDS, "lead", "body", "image", "expire_at")


def as_cards(articles: QuerySet[Article]) -> QuerySet[Article]:
    """These articles with only what a card shows (CARD_FIELDS)."""
    return articles.only(*CARD_FIELDS)


def as_headlines(articles: QuerySet[Article]) -> QuerySet[Article]:
    """These articles with only what a headline in a list shows (HEADLINE_FIELDS)."""
    return (
        articles.select_related(None)
        .select_related("category__locale", "locale")
        .only(*HEADLINE_FIELDS)
    )


def published_in(language_code: str) -> QuerySet[Article]:
    # The locale's id as a subquery rather than a join: the database then knows it is
    # one value and walks the per-language indexes in order (a join made SQLite sort
    # every article of the language).
    locale_id = Locale.objects.filter(language_code=language_code).values("pk")[:1]
    return published().filter(locale_id=Subquery(locale_id))


def has_expired(article: Article, now: datetime | None = None) -> bool:
    """Whether the article's expiry time has passed (by this process's clock): a kept
    copy (a cached block) is not shown past it, even before the schedule withdraws it."""
    return article.expire_at is not None and article.expire_at <= (now or timezone.now())


def unexpired(articles: Iterable[Article]) -> list[Article]:
    """Those of these kept articles whose expiry time has not passed."""
    now = timezone.now()
    return [article for article in articles if not has_expired(article, now)]


def one(articles: QuerySet[Article]) -> Article | None:
    """The article of a query that finds at most one (by slug, by id), else None.
    Unordered (`first()` would order): compiling an order costs more than the lookup."""
    return next(iter(articles.order_by()[:1]), None)


def in_order(articles: QuerySet[Article], ids: list[int]) -> list[Article]:
    """These articles of the list, in the order of ``ids``: fetching a page's rows by id
    after finding the ids in an index is what keeps deep pages (OFFSET 6000) fast."""
    found = articles.order_by().in_bulk(ids) if ids else {}
    return [found[pk] for pk in ids if pk in found]


def list_cards(articles: QuerySet[Article], ids: list[int]) -> list[Article]:
    """A list page's cards, in the order of ``ids``, to be kept in a shared block: the
    body (the longest column) read only for those without a lead, whose snippet it
    makes (article_card.html reads it only then)."""
    cards = in_order(as_cards(articles).defer("body"), ids)
    bare = {card.pk: card for card in cards if not card.lead}
    if bare:
        for pk, body in Article.objects.filter(pk__in=list(bare)).values_list("pk", "body"):
            bare[pk].body = body
    return cards


def tag_names(article_id: int) -> list[str]:
    """An article's tags, by name (from the tag links: cheaper than the tag manager)."""
    links = ArticleTag.objects.filter(content_object_id=article_id)
    return sorted(links.values_list("tag__name", flat=True))


def categories_in(language_code: str) -> QuerySet[Category]:
    return Category.objects.filter(locale__language_code=language_code).select_related("locale")


def block_scopes(language_code: str) -> list[str]:
    """The scopes (`sahifa.core.blocks`) of a cached block of a language's articles: its
    articles, its categories (names, menus) and the pictures they show."""
    return [f"articles:{language_code}", f"categories:{language_code}", "images"]


def attach_renditions(*groups: tuple[Iterable[Article], Sequence[str]]) -> None:
    """Fetch, all at once, the picture sizes (sahifa.images.renditions) each group of
    articles shows, so templates never query per picture."""
    renditions.attach(
        (article.image, sizes)
        for articles, sizes in groups
        for article in articles
        if article.image_id
    )
