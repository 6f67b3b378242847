"""What a feed follows: a language's newest articles, or one category's; its addresses
and its title and description in its own language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from sahifa.articles.models import Category
from sahifa.core.urls import absolute_url, site_path

RSS, ATOM, JSON = "rss", "atom", "json"


@dataclass(frozen=True)
class Channel:
    language: str
    category: Category | None = None

    @property
    def key(self) -> str:
        """Names the channel in cache keys."""
        return f"{self.language}:{self.category.slug if self.category else ''}"

    def feed_url(self, kind: str = RSS) -> str:
        """``/en/feed/``, ``/en/world/feed/atom/``, ``/en/feed/json/`` (absolute)."""
        parts = [self.category.slug] if self.category else []
        parts += ["feed"] if kind == RSS else ["feed", kind]
        return absolute_url(site_path(self.language, *parts))

    @property
    def page_url(self) -> str:
        """The page that lists what the feed carries."""
        if self.category is not None:
            return absolute_url(self.category.get_url())
        return absolute_url(site_path(self.language, "latest"))

    @property
    def title(self) -> str:
        with translation.override(self.language):
            section = self.category.name if self.category else _("Latest news")
        return f"{settings.WAGTAIL_SITE_NAME} — {section}"

    @property
    def description(self) -> str:
        site = settings.WAGTAIL_SITE_NAME
        with translation.override(self.language):
            if self.category is None:
                return _("The newest articles on %(site)s") % {"site": site}
            return _("The newest articles on %(site)s in the section “%(section)s”") % {
                "site": site,
                "section": self.category.name,
            }


def find(language: str, category_slug: str | None = None) -> Channel:
    """The channel of a feed's address; 404 for a category the language does not have."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    if category_slug is None:
        return Channel(language)
    category = (
        Category.objects.filter(locale__language_code=language, slug=category_slug)
        .select_related("locale")
        .first()
    )
    if category is None:
        raise Http404
    return Channel(language, category)
