"""What a public page tells platforms and search engines about itself: title,
description, address, picture, language and its other languages (OpenGraph, Twitter's
card, the meta description) and its structured data. One `PageMeta` per page kind:
home, latest news, category (any page of it) and article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category
from sahifa.core import blocks
from sahifa.core.templatetags.news import snippet
from sahifa.core.urls import absolute_url, site_path
from sahifa.images import renditions
from sahifa.languages import alternates
from sahifa.social import structured
from sahifa.social.cards import SocialImage, category_card, site_card
from sahifa.social.pictures import ARTICLE_SIZES, og_image
from sahifa.social.texts import CATEGORY_DESCRIPTION, HOME_DESCRIPTION, LATEST_DESCRIPTION

DESCRIPTION_LIMIT = 200
# OpenGraph locales are language_TERRITORY and know no script: both Uzbek editions are
# uz_UZ (the script is in <html lang>, hreflang and the structured data's inLanguage).
OG_LOCALES = {"uz": "uz_UZ", "uz-cyrl": "uz_UZ", "ru": "ru_RU", "en": "en_US"}
# X shows a large picture from 300×157 up.
LARGE_CARD = (300, 157)
# An article's block is renewed by its language's change events and picture saves; the
# time only bounds a change that sent none (an expiry not yet run by the schedule).
ARTICLE_META_SECONDS = 300


@dataclass(frozen=True)
class PageMeta:
    type: str  # og:type: "website" or "article"
    title: str
    description: str
    url: str  # absolute, the canonical address
    image: SocialImage
    locale: str
    alternate_locales: tuple[str, ...]
    structured: tuple[dict[str, Any], ...] = ()
    # The structured data as its <script> elements, written once (an article's are kept
    # in its block, not serialised again on every page).
    scripts: tuple[str, ...] = ()
    # Articles only (article:*).
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()

    @property
    def twitter_card(self) -> str:
        large = self.image.width >= LARGE_CARD[0] and self.image.height >= LARGE_CARD[1]
        return "summary_large_image" if large else "summary"


def describe(context: Any) -> PageMeta | None:
    """The page's metadata, from what its template is given; None for pages that are
    not one of the public kinds (an error page)."""
    if not context.get("language_code"):
        return None
    if isinstance(article := context.get("article"), Article):
        return for_article(context, article)
    if context.get("page") is None:
        return None
    if isinstance(category := context.get("category"), Category):
        return for_category(context, category)
    if context.get("page_obj") is not None:
        return for_latest(context)
    return for_home(context)


def for_home(context: Any) -> PageMeta:
    language = context["language_code"]
    return _website(
        context,
        title=settings.WAGTAIL_SITE_NAME,
        description=str(HOME_DESCRIPTION),
        image=site_card(language),
        structured=structured.home_graph(language),
    )


def for_latest(context: Any) -> PageMeta:
    site = settings.WAGTAIL_SITE_NAME
    return _website(
        context,
        title=gettext("Latest news"),
        description=LATEST_DESCRIPTION % {"site": site},
        image=site_card(context["language_code"]),
    )


def for_category(context: Any, category: Category) -> PageMeta:
    """A category's metadata (any page of it): a shared block, renewed with its
    language's categories; the page's address and other languages are the request's."""
    found = blocks.cached(
        f"category-meta:{category.pk}",
        lambda: category_meta(context, category),
        [f"categories:{category.locale.language_code}"],
    )
    return replace(found, url=page_url(context), alternate_locales=alternate_locales(context))


def category_meta(context: Any, category: Category) -> PageMeta:
    """What a category's pages tell platforms (the address and other languages are
    replaced on each read)."""
    site = settings.WAGTAIL_SITE_NAME
    description = category.description or CATEGORY_DESCRIPTION % {
        "category": category.name,
        "site": site,
    }
    return _website(
        context,
        title=category.name,
        description=snippet(description, DESCRIPTION_LIMIT),
        image=category_card(category),
        structured=[structured.breadcrumbs(*structured.category_steps(category))],
    )


def for_article(context: Any, article: Article) -> PageMeta:
    """An article's metadata: a shared block for a live article (its tags are a query),
    renewed with its language's articles and pictures; a preview's is made afresh from
    the version being edited. Its other languages are the request's (`alternates`),
    which change with other languages' articles."""
    if article.pk is None or getattr(context.get("request"), "is_preview", False):
        found = article_meta(article, sorted(tag.name for tag in article.tags.all()))
    else:
        pk = article.pk
        found = blocks.cached(
            # Named anew when what it holds changes shape: a block kept by the code
            # before (the cache outlives a deploy) is never read as this one.
            f"article-meta:{pk}",
            lambda: article_meta(article, selectors.tag_names(pk)),
            selectors.block_scopes(article.locale.language_code),
            ARTICLE_META_SECONDS,
        )
    return replace(found, alternate_locales=alternate_locales(context))


def article_meta(article: Article, tags: list[str]) -> PageMeta:
    """What an article's page tells platforms, but its other languages."""
    if article.image is not None:  # its sizes for platforms, in one read
        renditions.attach([(article.image, ARTICLE_SIZES)])
    url = absolute_url(article.get_url())
    description = snippet(article.lead or article.body, DESCRIPTION_LIMIT)
    data = structured.news_article(article, url, description, tags)
    graph = (data, structured.article_trail(article))
    return PageMeta(
        type="article",
        title=article.card_title,
        description=description,
        url=url,
        image=og_image(article),
        locale=og_locale(article.locale.language_code),
        alternate_locales=(),
        structured=graph,
        scripts=scripts(graph),
        published=data["datePublished"],
        modified=data["dateModified"],
        section=article.category.name,
        tags=tuple(tags),
    )


def _website(
    context: Any,
    title: str,
    description: str,
    image: SocialImage,
    structured: list[dict[str, Any]] | None = None,
) -> PageMeta:
    language = context["language_code"]
    return PageMeta(
        type="website",
        title=title,
        description=description,
        url=page_url(context),
        image=image,
        locale=og_locale(language),
        alternate_locales=alternate_locales(context),
        structured=tuple(structured or ()),
        scripts=scripts(structured or ()),
    )


def page_url(context: Any) -> str:
    """The page's canonical address, absolute."""
    return absolute_url(context.get("canonical_path") or site_path(context["language_code"]))


def scripts(graph: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(structured.script(data) for data in graph)


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


def alternate_locales(context: Any) -> tuple[str, ...]:
    """og:locale:alternate: the locales the page's content also exists in (the same
    versions hreflang lists, read once per request)."""
    current = og_locale(context["language_code"])
    found: list[str] = []
    for version in alternates.versions(context):
        locale = og_locale(version.code)
        if version.is_translation and locale != current and locale not in found:
            found.append(locale)
    return tuple(found)
