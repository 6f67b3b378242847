"""Writing sitemap XML as text, an entry at a time, so a file of 50,000 addresses is
sent while it is written instead of being held whole (`views.articles`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from django.utils import timezone

from sahifa.core.xmltext import xml_text

URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
)
URLSET_CLOSE = "</urlset>\n"


@dataclass(frozen=True)
class News:
    """What a Google News sitemap says of an article."""

    publication: str
    language: str  # ISO 639 code: both Uzbek scripts are "uz"
    published: datetime
    title: str


_SPECIAL = re.compile(r'[&<>"]').search


def escape(text: str) -> str:
    """``text`` for XML content and double-quoted attributes (most addresses need
    nothing: looked for first, it is quicker than replacing)."""
    if not _SPECIAL(text):
        return text
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def w3c_time(value: datetime, zone: tzinfo | None = None) -> str:
    """``2025-08-01T09:47:00+05:00``: the moment with the site's offset (``zone``, the
    site's time zone, when writing many)."""
    return value.astimezone(zone or timezone.get_current_timezone()).isoformat("T", "seconds")


def url_entry(
    loc: str,
    lastmod: str | None,
    alternates: Iterable[tuple[str, str]] = (),
    image: str | None = None,
    news: News | None = None,
) -> str:
    """One <url>: its address, last change (`w3c_time`), versions (hreflang), picture
    and news."""
    parts = [f"<url><loc>{escape(loc)}</loc>"]
    if lastmod is not None:
        parts.append(f"<lastmod>{lastmod}</lastmod>")
    parts += [
        f'<xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(href)}"/>'
        for hreflang, href in alternates
    ]
    if image:
        parts.append(f"<image:image><image:loc>{escape(image)}</image:loc></image:image>")
    if news is not None:
        parts.append(
            "<news:news><news:publication>"
            f"<news:name>{escape(xml_text(news.publication))}</news:name>"
            f"<news:language>{news.language}</news:language></news:publication>"
            f"<news:publication_date>{w3c_time(news.published)}</news:publication_date>"
            f"<news:title>{escape(xml_text(news.title))}</news:title></news:news>"
        )
    parts.append("</url>\n")
    return "".join(parts)


def urlset(entries: Iterable[str]) -> bytes:
    """A whole (small) sitemap file."""
    return "".join([URLSET_OPEN, *entries, URLSET_CLOSE]).encode()
