"""robots.txt, the sitemap index and its files. The index, the list pages' file and the
news files are cached blocks renewed by article and category changes; an article file
(up to 50,000 addresses) is streamed as its rows are read, a chunk at a time."""

from __future__ import annotations

import itertools
from typing import TypeVar

from django.contrib.sitemaps.views import x_robots_tag
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from sahifa.articles import selectors
from sahifa.core import blocks
from sahifa.core.urls import absolute_url
from sahifa.languages.alternates import language_codes
from sahifa.pagecache import keys
from sahifa.sitemap import rows, sections

R = TypeVar("R", HttpResponse, StreamingHttpResponse)
XML = "application/xml; charset=utf-8"
# How long crawlers and proxies may keep a sitemap file without asking again.
SITEMAP_MAX_AGE = 60
ROBOTS_MAX_AGE = 3600


def all_scopes() -> list[str]:
    """What every language's sitemaps depend on: articles, categories, pictures."""
    return sorted({scope for code in language_codes() for scope in selectors.block_scopes(code)})


def _language(code: str) -> str:
    if code not in language_codes():
        raise Http404
    return code


def _cacheable(response: R, max_age: int) -> R:
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers keep out of the newsroom, the API and search results; the sitemap index
    lists everything else."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    lines += [f"Disallow: /{code}/search/" for code in language_codes()]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    return _cacheable(response, ROBOTS_MAX_AGE)


@x_robots_tag
def index(request: HttpRequest) -> HttpResponse:
    keys.tag(request, *[keys.sitemap(code) for code in language_codes()])
    entries = blocks.cached("sitemap-index", sections.index_entries, all_scopes())
    response = TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, XML)
    return _cacheable(response.render(), SITEMAP_MAX_AGE)


@x_robots_tag
def pages(request: HttpRequest) -> HttpResponse:
    keys.tag(request, *[keys.sitemap(code) for code in language_codes()])
    content = blocks.cached("sitemap-pages", sections.pages_file, all_scopes())
    return _cacheable(HttpResponse(content, content_type=XML), SITEMAP_MAX_AGE)


@x_robots_tag
def news(request: HttpRequest, language: str, page: str) -> HttpResponse:
    code, number = _language(language), int(page)
    keys.tag(request, keys.sitemap(code))
    content = blocks.cached(
        f"sitemap-news:{code}:{number}",
        lambda: sections.news_file(code, number) if number > 0 else None,
        selectors.block_scopes(code),
    )
    if content is None:
        raise Http404
    return _cacheable(HttpResponse(content, content_type=XML), SITEMAP_MAX_AGE)


@x_robots_tag
def articles(request: HttpRequest, language: str, page: str) -> StreamingHttpResponse:
    code, number = _language(language), int(page)
    keys.tag(request, keys.sitemap(code))
    if number < 1:
        raise Http404
    chunks = rows.article_chunks(code, number)
    first = next(chunks, None)
    if first is None:  # past the last file, or a language without articles
        raise Http404
    stream = sections.articles_stream(code, itertools.chain([first], chunks))
    return _cacheable(StreamingHttpResponse(stream, content_type=XML), SITEMAP_MAX_AGE)
