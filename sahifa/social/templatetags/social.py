"""``{% social_head %}`` (icons, OpenGraph and Twitter tags, meta description and
structured data, in the <head>), ``{% share_links article %}``, ``|picture_alt`` and
``{% site_tagline %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.templatetags.static import static

from sahifa.articles.models import Article
from sahifa.core.urls import absolute_url
from sahifa.social import meta, pictures, share
from sahifa.social.texts import TAGLINE

register = template.Library()


@register.inclusion_tag("social/head.html", takes_context=True)
def social_head(context: Any) -> dict[str, Any]:
    """Icons on every page; what platforms and search engines read about the page on
    the public pages (home, latest news, categories, articles)."""
    return {
        "meta": meta.describe(context),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "svg_icon": static("social/icon.svg"),
    }


@register.inclusion_tag("social/share_links.html")
def share_links(article: Article) -> dict[str, Any]:
    url = absolute_url(article.get_url())
    return {"url": url, "links": share.share_links(url, article.card_title)}


@register.filter
def picture_alt(article: Article) -> str:
    return pictures.picture_alt(article)


@register.simple_tag
def site_tagline() -> str:
    return str(TAGLINE)
