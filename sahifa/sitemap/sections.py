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
from django.utils import timezone

from sahifa.articles.models import Category
from sahifa.core.urls import absolute_url, site_path
from sahifa.images.files import OriginalUrls
from sahifa.languages.alternates import AlternateLinks, language_codes, translations_of
from sahifa.sitemap import rows
from sahifa.sitemap.rows import Row
from sahifa.sitemap.xml import URLSET_CLOSE, URLSET_OPEN, News, url_entry, urlset, w3c_time


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
    categories = [(c, lastmod) for c, lastmod in rows.categories_with_lastmod() if lastmod]
    newest: dict[str, datetime] = {}
    for category, lastmod in categories:
        code = category.locale.language_code
        newest[code] = max(newest.get(code, lastmod), lastmod)
    if not newest:  # a site without articles yet: its home pages, with no date
        return urlset(url_entry(absolute_url(site_path(code)), None) for code in language_codes())
    return urlset([*_list_entries(newest), *_category_entries(categories)])


def _list_entries(newest: dict[str, datetime]) -> Iterator[str]:
    """Each language's home and latest-news page (the languages in ``newest``)."""
    links = AlternateLinks()
    for tail in ("", "latest"):
        paths = {code: site_path(code, tail) for code in language_codes() if code in newest}
        for code, path in paths.items():
            yield url_entry(absolute_url(path), w3c_time(newest[code]), links(paths, path))


def _category_entries(categories: list[tuple[Category, datetime]]) -> Iterator[str]:
    links = AlternateLinks()
    versions: dict[object, dict[str, str]] = defaultdict(dict)
    for category, _lastmod in categories:
        versions[category.translation_key][category.locale.language_code] = category.get_url()
    for category, lastmod in categories:
        path = category.get_url()
        alternates = links(versions[category.translation_key], path)
        yield url_entry(absolute_url(path), w3c_time(lastmod), alternates)


def article_entries(language: str, chunk: list[Row], news: bool = False) -> str:
    """The <url> entries of a chunk of a language's article rows (one query for their
    versions in other languages). Written for speed: 50,000 of them make a file."""
    versions = translations_of(rows.in_range(language, chunk), language)
    links, zone, image_url = AlternateLinks(), timezone.get_current_timezone(), OriginalUrls()
    base = absolute_url("")
    publication = settings.WAGTAIL_SITE_NAME
    news_language = language.split("-")[0]  # Google News knows Uzbek only as "uz"
    entries = []
    for row in chunk:
        path = site_path(language, row.category_slug, row.slug)
        paths = {language: path}
        if row.pk in versions:
            paths.update(versions[row.pk])
        about = None
        if news and row.first_published_at:
            about = News(publication, news_language, row.first_published_at, row.headline)
        entries.append(
            url_entry(
                base + path,
                w3c_time(row.lastmod, zone),
                links(paths, path),
                image=image_url(row.image) if row.image else None,
                news=about,
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
