"""What the public templates get: shared by the routes and the admin preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category
from sahifa.core import blocks
from sahifa.core.urls import site_path
from sahifa.images import renditions
from sahifa.pagecache import keys
from sahifa.popularity.selectors import most_read, most_read_today
from sahifa.related.selectors import page_list, similar_for_page

HOME_LATEST = 12
HOME_PER_CATEGORY = 4
RAIL_LATEST = 8  # headlines beside an article
# An article's block is renewed by its language's change events; the time bounds its view
# count (no change event: the page's beacon script shows the fresh total at once).
ARTICLE_SECONDS = 300


def top_story(language_code: str) -> Article | None:
    """The front page's lead: the newest article pinned as top story, else today's most
    read, else the newest."""
    articles = selectors.published_in(language_code)
    return (
        articles.filter(is_top_story=True).first()
        or most_read_today(language_code)
        or articles.first()
    )


def ticker_stories(language_code: str) -> list[Article]:
    """The top story and the one after it by the same rule (pinned, most read today,
    newest), which the ticker shows on the top story's own page."""
    articles = selectors.published_in(language_code)
    sources = (
        lambda: articles.filter(is_top_story=True)[:2],
        lambda: most_read(language_code, days=1, count=2),
        lambda: articles[:2],
    )
    found: list[Article] = []
    for source in sources:
        found += [item for item in source() if item not in found]
        if len(found) >= 2:
            break
    return found[:2]


def chrome_context(request: HttpRequest, language_code: str) -> dict[str, Any]:
    """What every page's header and footer show: languages, sections, the ticker."""
    scopes = selectors.block_scopes(language_code)
    categories, ticker = blocks.cached(
        f"chrome:{language_code}",
        lambda: (list(selectors.categories_in(language_code)), top_story(language_code)),
        scopes,
    )
    keys.tag(request, keys.language(language_code), *keys.articles([ticker and ticker.pk]))
    return {
        "language_code": language_code,
        "categories": categories,
        "ticker": ticker,
        "home_url": site_path(language_code),
        # Part of the keys of the fragments templates cache ({% cache %}): the
        # language's articles, categories and pictures.
        "blocks_generation": blocks.token(scopes),
    }


def next_story(language_code: str) -> Article | None:
    """The story after the top story, which the ticker shows on the top story's page."""
    stories = blocks.cached(
        f"ticker-next:{language_code}",
        lambda: ticker_stories(language_code),
        selectors.block_scopes(language_code),
    )
    return stories[1] if len(stories) > 1 else None


def find_category(context: dict[str, Any], slug: str) -> Category:
    """The language's category with this slug, from the header's list (no extra query)."""
    for category in context["categories"]:
        if category.slug == slug:
            return category
    raise Http404


def list_context(
    request: HttpRequest,
    language_code: str,
    make_articles: Callable[[], QuerySet[Article]],
    number: int,
    base_path: str,
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A numbered page of a list of articles (`base_path` + `page/<n>/`);
    ``make_articles`` makes the list's query, only when its block is built."""
    context = context if context is not None else chrome_context(request, language_code)
    scopes = selectors.block_scopes(language_code)
    page_obj = page_of(make_articles, number, base_path, scopes)
    keys.tag(request, *keys.articles(item.pk for item in page_obj.object_list))
    context.update(
        page_obj=page_obj,
        page_range=page_obj.paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
        page_base=base_path,
        # With the page's number and count, what the list's fragment shows ({% cache %}).
        list_key=",".join(str(item.pk) for item in page_obj.object_list),
        canonical_path=base_path if number == 1 else f"{base_path}page/{number}/",
    )
    return context


def page_of(
    make_articles: Callable[[], QuerySet[Article]], number: int, key: str, scopes: Sequence[str]
) -> Page:
    """One page of a list, its cards with their pictures; 404 past the last page and for
    page 0. The list's count and the page's cards are a shared block named by ``key``,
    renewed with ``scopes`` (the language's change events: an edit, a withdrawal), so a
    page reads no row; a card whose expiry time has passed is dropped when read, even
    before the schedule withdraws it."""
    try:
        count, cards = blocks.cached(
            f"list-cards:{key}:{number}", lambda: page_cards(make_articles, number), scopes
        )
        # The page's numbers and links from the kept count: no query.
        paginator = Paginator((), settings.SAHIFA_PAGE_SIZE)
        paginator.count = count
        page_obj = paginator.page(number)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc
    page_obj.object_list = selectors.unexpired(cards)  # a new list: the block is shared
    return page_obj


def page_cards(
    make_articles: Callable[[], QuerySet[Article]], number: int
) -> tuple[int, list[Article]]:
    """How many items the list has and the cards on page ``number``, pictures attached."""
    articles = make_articles()
    # Count and page through ids only (read from an index), then fetch the page's rows.
    paginator = Paginator(articles.values_list("pk", flat=True), settings.SAHIFA_PAGE_SIZE)
    ids = list(paginator.page(number).object_list)
    cards = selectors.list_cards(articles, ids)
    selectors.attach_renditions((cards, [renditions.CARD]))
    return paginator.count, cards


def home_context(request: HttpRequest, language_code: str) -> dict[str, Any]:
    """Top story, latest news, then one block per category with what it has."""
    context = chrome_context(request, language_code)
    top = context["ticker"]
    context["top_story"] = top
    context["latest"], context["category_blocks"] = blocks.cached(
        f"home:{language_code}",
        lambda: home_lists(top, context["categories"], language_code),
        selectors.block_scopes(language_code),
    )
    context["canonical_path"] = site_path(language_code)
    blocks_shown = [item for _, items in context["category_blocks"] for item in items]
    shown = [top, *context["latest"], *blocks_shown]
    keys.tag(request, keys.home(language_code), *keys.articles(a.pk for a in shown if a))
    return context


def home_lists(
    top: Article | None, categories: list[Category], language_code: str
) -> tuple[list[Article], list[tuple[Category, list[Article]]]]:
    """The front page's latest news and its category blocks, pictures fetched."""
    articles = selectors.as_cards(selectors.published_in(language_code))
    latest = list((articles.exclude(pk=top.pk) if top else articles)[:HOME_LATEST])
    # The category fixes the language: no locale subquery to build and compile eight times.
    published = selectors.as_cards(selectors.published())
    category_blocks = [
        (category, list(published.filter(category_id=category.pk)[:HOME_PER_CATEGORY]))
        for category in categories
    ]
    category_blocks = [(category, items) for category, items in category_blocks if items]
    cards = latest + [item for _, items in category_blocks for item in items]
    selectors.attach_renditions(
        ([top] if top else [], [renditions.HERO]), (cards, [renditions.CARD])
    )
    return latest, category_blocks


def published_article(language_code: str, locale_id: int, slug: str) -> Article | None:
    """The language's published article with this slug, its main picture attached: a
    shared block, renewed by the language's change events (an edit, a withdrawal), so
    a page reads no row; a slug that names none is not kept. One whose expiry time has
    passed is not shown, even before the schedule withdraws it."""
    article = blocks.cached(
        f"article:{locale_id}:{slug}",
        lambda: article_with_picture(locale_id, slug),
        selectors.block_scopes(language_code),
        ARTICLE_SECONDS,
        keep_none=False,
    )
    return None if article is None or selectors.has_expired(article) else article


def article_with_picture(locale_id: int, slug: str) -> Article | None:
    # This page's locale is known: no locale subquery to build (see published_in).
    articles = selectors.published().filter(locale_id=locale_id, slug=slug)
    article = selectors.one(articles)
    if article is not None:
        selectors.attach_renditions(([article], [renditions.HERO]))
    return article


def article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    context = chrome_context(request, article.locale.language_code)
    context["article"] = article
    context["current_category"] = article.category
    # The reader is on the top story already: the ticker shows the next one.
    if context["ticker"] == article:
        context["ticker"] = next_story(article.locale.language_code)
    context["similar"] = similar_news(request, article)
    # The platforms' sizes (sahifa.social.pictures) are read when the page's metadata
    # block is built, and the cards' with the similar list: not on every page.
    if getattr(article.image, "prefetched_renditions", None) is None:  # a preview
        selectors.attach_renditions(([article], [renditions.HERO]))
    rail = [item for item in latest_headlines(article.locale.language_code) if item != article]
    context["rail_latest"] = rail[:RAIL_LATEST]
    context["rail_key"] = ",".join(str(item.pk) for item in context["rail_latest"])
    context["canonical_path"] = article.get_url()
    shown = [article, *context["similar"], *context["rail_latest"]]
    keys.tag(request, *keys.articles(item.pk for item in shown))
    if article.translation_key:
        keys.tag(request, keys.translations(article.translation_key))
    return context


def similar_news(request: HttpRequest, article: Article) -> list[Article]:
    """The similar list of a published article (a shared block); a preview's is made for
    the version being edited (its category may differ) and never kept."""
    count = settings.SAHIFA_SIMILAR_COUNT
    if article.pk is None:  # previewed before its first save: no pk to query by
        return []
    if getattr(request, "is_preview", False):
        return page_list(article, count)
    return similar_for_page(article, count)


def latest_headlines(language_code: str) -> list[Article]:
    """The rail's newest articles of a language, one spare for the article shown."""
    return blocks.cached(
        f"rail:{language_code}",
        lambda: list(
            selectors.as_headlines(selectors.published_in(language_code))[: RAIL_LATEST + 1]
        ),
        selectors.block_scopes(language_code),
    )
