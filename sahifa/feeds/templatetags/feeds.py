"""``{% feed_channels as channels %}``: the feeds a page points to in its <head>
(`feeds/links.html`): the language's, and on a category's or an article's page that
category's, for browsers and readers that discover feeds."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

from sahifa.feeds.channels import Channel

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_channels(context: Any) -> list[Channel]:
    language = context.get("language_code") or get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        return []
    found = [Channel(language)]
    article = context.get("article")
    category = context.get("category") or getattr(article, "category", None)
    if category is not None and category.pk is not None:
        found.append(Channel(language, category))
    return found
