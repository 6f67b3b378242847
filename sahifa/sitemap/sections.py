"""What each sitemap file lists: the index of files, the site's list pages (home, latest,
categories), a language's articles and its Google News articles. Every address comes
with its last change, its versions in the other languages (and x-default) and its
picture."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from sahifa.core.urls import absolute_url, site_path
from sahifa.images.files import original_url
from sahifa.languages.alternates import alternate_links, language_codes, published_paths
from sahifa.sitemap import rows
from sahifa.sitemap.rows import Row
from sahifa.sitemap.xml import URLSET_CLOSE, URLSET_OPEN, News, url_entry, urlset


@dataclass(frozen=True)
class IndexEntry:
    """One file in the index (the names Django's `sitemap_index.xml` template reads)."""

    location: str
    last_mod: datetime | None


def file_url(kind: str, language: str = "", page: int = 1) -> str:
    if kind == "pages":
        return absolute_url(reverse("sitemap_pages"))
    return absolute_url(reverse(f"sitemap_{kind}", kwargs={"language": language, "page": page}))


def index_entries() -> list[IndexEntry]:
    """The list pages' file, then per language its article files (one per 50,000) and
    its news files (one per 1,000 of the last 48 hours); languages without articles
    have none (a sitemap file must list at least one address)."""
    figures = rows.language_figures()
    newest = rows.newest(*(f.lastmod for f in figures.values()))
    found = [IndexEntry(file_url("pages"), newest)]
    per_file = rows.urls_per_file()
    for code in language_codes():
        if code not in figures:
            continue
        language = figures[code]
        files = math.ceil(language.articles / per_file)
        for page in range(1, files + 1):
            lastmod = language.lastmod if files == 1 else rows.file_lastmod(code, page)
            found.append(IndexEntry(file_url("articles", code, page), lastmod))
        for page in range(1, math.ceil(language.news / rows.NEWS_PER_FILE) + 1):
            found.append(IndexEntry(file_url("news", code, page), language.news_lastmod))
    return found


def pages_file() -> bytes:
    """The home and latest-news pages of every language that has published articles,
    and every category that has some; their last change is their newest article's."""
    categories = rows.categories_with_lastmod()
    language_lastmod: dict[str, datetime] = {}
    for category, lastmod in categories:
        code = category.locale.language_code
        if (newest := rows.newest(language_lastmod.get(code), lastmod)) is not None:
            language_lastmod[code] = newest
    entries = []
    for tail in ("", "latest"):
        paths = {
            code: site_path(code, tail) for code in language_codes() if code in language_lastmod
        }
        entries += [
            url_entry(absolute_url(path), language_lastmod[code], alternate_links(paths, path))
            for code, path in paths.items()
        ]
    listed = [(category, lastmod) for category, lastmod in categories if lastmod is not None]
    versions: dict[object, dict[str, str]] = defaultdict(dict)
    for category, _lastmod in listed:
        versions[category.translation_key][category.locale.language_code] = category.get_url()
    for category, lastmod in listed:
        path = category.get_url()
        links = alternate_links(versions[category.translation_key], path)
        entries.append(url_entry(absolute_url(path), lastmod, links))
    return urlset(entries)


def article_entries(language: str, chunk: list[Row], news: bool = False) -> str:
    """The <url> entries of a chunk of a language's article rows (one query for their
    versions in other languages)."""
    versions = published_paths(row.translation_key for row in chunk if row.translation_key)
    publication = settings.WAGTAIL_SITE_NAME
    news_language = language.split("-")[0]  # Google News knows Uzbek only as "uz"
    entries = []
    for row in chunk:
        path = site_path(language, row.category_slug, row.slug)
        paths = versions.get(row.translation_key, {}) if row.translation_key else {}
        entries.append(
            url_entry(
                absolute_url(path),
                row.lastmod,
                alternate_links(paths or {language: path}, path),
                image=original_url(row.image) if row.image else None,
                news=News(publication, news_language, row.first_published_at, row.headline)
                if news and row.first_published_at
                else None,
            )
        )
    return "".join(entries)


def articles_stream(language: str, chunks: Iterable[list[Row]]) -> Iterator[str]:
    """A language's article file, written a chunk of rows at a time."""
    yield URLSET_OPEN
    for chunk in chunks:
        yield article_entries(language, chunk)
    yield URLSET_CLOSE


def news_file(language: str, page: int) -> bytes | None:
    """A language's Google News file ``page``; None when it has no articles."""
    found = rows.news_rows(language, page)
    return urlset([article_entries(language, found, news=True)]) if found else None
