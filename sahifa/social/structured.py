"""Structured data (schema.org JSON-LD) of the public pages: NewsArticle and its
breadcrumbs on article pages, WebSite and Organization on the home page; and the one
safe way to put it in a page (`script`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sahifa.articles.models import Article, Category
from sahifa.core.templatetags.news import cut
from sahifa.core.urls import absolute_url, site_path
from sahifa.languages.alternates import bcp47
from sahifa.social import pictures
from sahifa.social.texts import TAGLINE

SCHEMA = "https://schema.org"
HEADLINE_LIMIT = 110  # what Google shows of a NewsArticle's headline
LOGO = ("social/icon-512.png", 512)

# Characters that could end the <script> element or start markup, written as JSON
# escapes: the JSON means the same, and no text can break out of the element.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` with ``data``; the JSON carries no
    ``<``, ``>`` or ``&`` (as Django's ``json_script``, with the JSON-LD type)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_UNSAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def iso(moment: datetime) -> str:
    """The moment in the site's time zone, with its offset (2026-11-26T10:00:00+05:00)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def modified_at(article: Article) -> datetime:
    """When readers last saw the article change: its last publication, never before
    its first."""
    times = [t for t in (article.first_published_at, article.last_published_at) if t]
    return max(times) if times else article.updated_at


def organization_id() -> str:
    return absolute_url("/#organization")


def organization() -> dict[str, Any]:
    """The site as an Organization with its logo (publisher of every article)."""
    path, size = LOGO
    return {
        "@type": "Organization",
        "@id": organization_id(),
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url("/"),
        "logo": pictures.image_object(absolute_url(static(path)), size, size),
    }


def home_graph(language_code: str) -> list[dict[str, Any]]:
    """The home page's WebSite (in its language) and Organization."""
    home = absolute_url(site_path(language_code))
    website = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": settings.WAGTAIL_SITE_NAME,
        "description": str(TAGLINE),
        "url": home,
        "inLanguage": bcp47(language_code),
        "publisher": {"@id": organization_id()},
    }
    return [website, {"@context": SCHEMA, **organization()}]


def author(article: Article) -> dict[str, Any]:
    """The byline as a Person, else the site as the Organization that wrote it."""
    if byline := article.byline.strip():
        return {"@type": "Person", "name": byline}
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url("/"),
    }


def news_article(article: Article, url: str, description: str, tags: list[str]) -> dict[str, Any]:
    language = article.locale.language_code
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": cut(article.headline, HEADLINE_LIMIT),
        "description": description,
        "image": pictures.structured_images(article),
        "datePublished": iso(article.published_at),
        "dateModified": iso(modified_at(article)),
        "author": [author(article)],
        "publisher": organization(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": bcp47(language),
        "articleSection": article.category.name,
    }
    if tags:
        data["keywords"] = tags
    return data


def breadcrumbs(*trail: tuple[str, str]) -> dict[str, Any]:
    """A BreadcrumbList of (name, path) from the home page down."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def article_trail(article: Article) -> dict[str, Any]:
    """Home, the article's category, the article."""
    return breadcrumbs(*category_steps(article.category), (article.headline, article.get_url()))


def category_steps(category: Category) -> list[tuple[str, str]]:
    home = (settings.WAGTAIL_SITE_NAME, site_path(category.locale.language_code))
    return [home, (category.name, category.get_url())]
