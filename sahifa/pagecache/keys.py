"""Surrogate keys: the names of what a public page shows, and what a change purges.

A view that serves a public page tags its request with the keys of what it shows
(`tag`); the page cache keeps the page under those keys and sends them in the
`Surrogate-Key` (and `xkey`) header, so a cache in front (Varnish, a CDN) can purge by
the same names. A change event purges `keys_of_event(event)`: every page that carries
one of them is rendered again on its next request. docs/caching.md has the table.

| key | carried by |
|---|---|
| `lang:<lang>` | every page of a language (purged when a category of it changes) |
| `home:<lang>` | the language's front page |
| `latest:<lang>` | the first page of the latest news |
| `category:<lang>:<category id>` | the first page of a category |
| `article:<id>` | the article's page, and every list, rail or block that shows it |
| `translations:<translation key>` | the pages of an article's translations (their switchers) |
| `feeds:<lang>` | the language's feeds (all, and per category) |
| `sitemap:<lang>` | the language's sitemap files, the index and the list pages' file |
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.http import HttpRequest

from sahifa.articles.events import ARTICLE, CATEGORY, PUBLIC, ChangeEvent

_ATTRIBUTE = "surrogate_keys"


def language(code: str) -> str:
    return f"lang:{code}"


def home(code: str) -> str:
    return f"home:{code}"


def latest(code: str) -> str:
    return f"latest:{code}"


def category(code: str, category_id: int) -> str:
    return f"category:{code}:{category_id}"


def article(pk: int) -> str:
    return f"article:{pk}"


def articles(pks: Iterable[int | None]) -> list[str]:
    return [article(pk) for pk in pks if pk is not None]


def translations(key: uuid.UUID | str) -> str:
    return f"translations:{key}"


def feeds(code: str) -> str:
    return f"feeds:{code}"


def sitemap(code: str) -> str:
    return f"sitemap:{code}"


def tag(request: HttpRequest, *keys: str) -> None:
    """Say that this request's page shows what ``keys`` name. Only tagged responses are
    kept by the page cache: tagging is how a view makes its page a public, cacheable one."""
    carried = getattr(request, _ATTRIBUTE, None)
    if carried is None:
        carried = set()
        setattr(request, _ATTRIBUTE, carried)
    carried.update(keys)


def carried(request: HttpRequest) -> set[str]:
    """The keys the request's page was tagged with (empty: not a cacheable page)."""
    return set(getattr(request, _ATTRIBUTE, ()))


def keys_of_event(event: ChangeEvent, categories: dict[int, int]) -> set[str]:
    """What a change event purges. ``categories`` maps the changed articles that still
    exist to their category id (a deleted article's lists carry its `article:` key).

    An article: its page and every list showing it, its translations' pages, the first
    pages of its category, latest and home, its language's feeds and sitemaps. A
    category: every page of its language (each page's section menu names it)."""
    purged: set[str] = set()
    for change in event.changes:
        if change.action not in PUBLIC:
            continue
        code = change.language
        if change.kind == CATEGORY:
            purged.update({language(code), feeds(code), sitemap(code)})
            continue
        if change.kind != ARTICLE:
            continue
        purged.update({article(change.pk), home(code), latest(code), feeds(code), sitemap(code)})
        if change.translation_key is not None:
            purged.add(translations(change.translation_key))
        if change.pk in categories:
            purged.add(category(code, categories[change.pk]))
    return purged
