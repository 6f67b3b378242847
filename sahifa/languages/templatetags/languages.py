"""``{% hreflang_links %}`` for the <head>, ``{% language_switcher %}`` for the header,
and ``|bcp47`` for ``<html lang>``."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from sahifa.core.urls import absolute_url
from sahifa.languages import alternates

register = template.Library()


@register.filter
def bcp47(language_code: str) -> str:
    return alternates.bcp47(language_code or settings.LANGUAGE_CODE)


@register.inclusion_tag("languages/hreflang_links.html", takes_context=True)
def hreflang_links(context: Any) -> dict[str, Any]:
    """<link rel="alternate" hreflang> for each existing version of this page, and
    x-default for the default (Uzbek Latin) one. Further pages of a list are not
    translations of anything and get none."""
    if not alternates.is_first_page(context):
        return {"links": []}
    found = [v for v in alternates.versions(context) if v.is_translation]
    links = [(v.hreflang, absolute_url(v.path)) for v in found]
    default = next((v for v in found if v.code == settings.LANGUAGE_CODE), None)
    if len(links) > 1 and default is not None:
        links.append(("x-default", absolute_url(default.path)))
    return {"links": links if len(links) > 1 else []}


@register.inclusion_tag("languages/language_switcher.html", takes_context=True)
def language_switcher(context: Any) -> dict[str, Any]:
    """Links to this page in the other languages, else to their home pages."""
    return {"versions": alternates.versions(context)}
