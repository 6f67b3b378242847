"""Where each language's version of the page being shown lives: the same article or
category in another language (linked by Wagtail's ``translation_key``), the same list
for the pages every language has (home, latest news), else that language's home page.

One query at most per page (the article's or category's translations), made once per
request however many tags ask.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language
from wagtail.models import Locale

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category
from sahifa.core import blocks
from sahifa.core.urls import absolute_url, site_path

# Each language's name in itself: a reader looks for their own language's name.
AUTONYMS = {"uz": "Oʻzbekcha", "uz-cyrl": "Ўзбекча", "ru": "Русский", "en": "English"}
_CACHE_ATTRIBUTE = "_sahifa_language_versions"
# An article's versions are renewed by change events; the time only bounds a change
# that sent none (an expiry not yet run by the schedule).
TRANSLATIONS_SECONDS = 300


@dataclass(frozen=True)
class Version:
    """One language's entry in the switcher."""

    code: str
    hreflang: str  # BCP 47 tag with script subtag (uz-Latn, uz-Cyrl)
    name: str
    path: str
    is_translation: bool  # False: no such version, the path is the language's home
    is_current: bool


def bcp47(language_code: str) -> str:
    """``uz`` -> ``uz-Latn``, ``uz-cyrl`` -> ``uz-Cyrl``; others as they are."""
    return settings.SAHIFA_HREFLANG.get(language_code, language_code)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated_paths(context: Any) -> dict[str, str]:
    """Language code -> path of the version of the page in ``context`` that exists in
    that language (the page's own language included); empty for pages with none."""
    for name in ("article", "category"):
        if isinstance(item := context.get(name), Article | Category):
            return paths_of(item)
    page_base = context.get("page_base") or ""
    current = context.get("language_code") or ""
    if context.get("page") is not None and current:
        # Pages every language has: the home page and the latest-news list.
        prefix = f"/{current}/"
        tail = page_base[len(prefix) :] if page_base.startswith(prefix) else ""
        return {code: site_path(code, *tail.strip("/").split("/")) for code in language_codes()}
    return {}


def paths_of(item: Article | Category) -> dict[str, str]:
    """Language code -> path of each published version of an article or category (for
    hreflang in pages, sitemaps, feeds); one query."""
    return _article_paths(item) if isinstance(item, Article) else _category_paths(item)


def _article_paths(article: Article) -> dict[str, str]:
    if not article.translation_key:
        return {}
    key = article.translation_key
    # A shared block: every article page asks, and the versions change only with change
    # events (of any language: a translation published, a category renamed).
    paths = dict(
        blocks.cached(
            f"translations:{key}",
            lambda: _published_paths(key),
            _translation_scopes(),
            TRANSLATIONS_SECONDS,
        )
    )
    if article.live:
        paths[article.locale.language_code] = article.get_url()
    return paths


def _translation_scopes() -> list[str]:
    return [*blocks.language_scopes("articles"), *blocks.language_scopes("categories")]


def _published_paths(translation_key: Any) -> dict[str, str]:
    """Language code -> path of each published version with this translation key."""
    # Only the three columns a path needs (Article.get_url's parts): building whole
    # articles cost more than the rest of the tag.
    versions = (
        selectors.published()
        .filter(translation_key=translation_key)
        .order_by()  # one version a language: no order to compile
        .values_list("locale__language_code", "category__slug", "slug")
    )
    return {code: site_path(code, category, slug) for code, category, slug in versions}


def translations_of(articles: QuerySet[Article], language: str) -> dict[int, dict[str, str]]:
    """Article id -> language code -> path of each published version in another language
    of these articles (all in ``language``): the versions of many articles in one query
    (a sitemap's chunk of rows), matched by id so no translation key is read back."""
    locale = Locale.objects.filter(language_code=language).values("pk")[:1]
    own = Article.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale)
    versions = (
        selectors.published()
        .filter(translation_key__in=articles.order_by().values("translation_key"))
        # By the locale's id, which the key's index holds: rows of ``language`` are passed
        # over without being read.
        .exclude(locale_id=Subquery(locale))
        .annotate(of=Subquery(own.values("pk")[:1]))
        .order_by()
        .values_list("of", "locale__language_code", "category__slug", "slug")
    )
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for pk, code, category, slug in versions:
        found[pk][code] = site_path(code, category, slug)
    return found


class AlternateLinks:
    """(hreflang, absolute URL) of each version in ``paths``, in the site's language
    order, then x-default: the default language's version, or the page's own
    (``own_path``) where there is none (sitemaps, which list every version). Reads the
    settings once, for writers of many entries."""

    def __init__(self) -> None:
        self.tags = [(code, bcp47(code)) for code in language_codes()]
        self.base = absolute_url("")
        self.default = settings.LANGUAGE_CODE

    def __call__(self, paths: dict[str, str], own_path: str) -> list[tuple[str, str]]:
        links = [(tag, self.base + paths[code]) for code, tag in self.tags if code in paths]
        links.append(("x-default", self.base + paths.get(self.default, own_path)))
        return links


def _category_paths(category: Category) -> dict[str, str]:
    key = category.translation_key
    # A shared block: every page of a category asks, and its versions change only with
    # the categories' change events (of any language).
    return blocks.cached(
        f"category-versions:{key}",
        lambda: _category_versions(key),
        blocks.language_scopes("categories"),
    )


def _category_versions(translation_key: Any) -> dict[str, str]:
    versions = Category.objects.filter(translation_key=translation_key).order_by()
    found = versions.values_list("locale__language_code", "slug")
    return {code: site_path(code, slug) for code, slug in found}


def versions(context: Any) -> list[Version]:
    """Every language's entry for the switcher, computed once per request."""
    request = context.get("request")
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    paths = translated_paths(context)
    current = context.get("language_code") or get_language() or settings.LANGUAGE_CODE
    result = [
        Version(
            code=code,
            hreflang=bcp47(code),
            name=AUTONYMS.get(code, code),
            path=paths.get(code) or site_path(code),
            is_translation=code in paths,
            is_current=code == current,
        )
        for code in language_codes()
    ]
    if request is not None:
        setattr(request, _CACHE_ATTRIBUTE, result)
    return result


def is_first_page(context: Any) -> bool:
    page_obj = context.get("page_obj")
    return page_obj is None or getattr(page_obj, "number", 1) == 1
