"""What one line sets on its article: fields, category, slug, publishing state and
the history entries; bulk.py writes the rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from sahifa.articles.inputs import ArticleData, SubjectRef
from sahifa.articles.models import RESERVED_CATEGORY_SLUGS, Article, Category
from sahifa.articles.slugs import slug_from_text
from sahifa.images.models import NewsImage

# The name of the default category where it is made (editors may rename it).
DEFAULT_CATEGORY_NAME = _("News")


@dataclass
class Lookups:
    """What the import looks up again and again. Rows made inside a transaction are
    only remembered once that transaction has committed."""

    locales: dict[str, Locale] = field(default_factory=dict)
    categories: dict[tuple, Category] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    pending: dict[tuple[int, Any], tuple[dict, Any]] = field(default_factory=dict)
    # Categories made by the open transaction (told in its change event).
    new_categories: list[Category] = field(default_factory=list)

    def locale(self, code: str) -> Locale:
        if code not in self.locales:
            self.locales[code] = Locale.objects.get(language_code=code)
        return self.locales[code]

    def get(self, cache: dict, key: Any) -> Any:
        """A remembered row: committed, or made earlier in the open transaction."""
        if key in cache:
            return cache[key]
        return self.pending.get((id(cache), key), (None, None))[1]

    def remember(self, cache: dict, key: Any, value: Any) -> None:
        self.pending[(id(cache), key)] = (cache, value)

    def committed(self) -> None:
        for (_cache_id, key), (cache, value) in self.pending.items():
            cache[key] = value
        self.pending.clear()
        self.new_categories.clear()

    def rolled_back(self) -> None:
        self.pending.clear()
        self.new_categories.clear()


def category_for(
    subject: SubjectRef, locale: Locale, lookups: Lookups, *, linked: bool = False
) -> Category:
    """The category with the subject's code, else with its slug, in the article's
    language; made from the subject when there is none (``linked``: as a translation of
    the category with the same slug in another language, when there is one)."""
    key = (locale.pk, subject.code, subject.slug, subject.name)
    if known := lookups.get(lookups.categories, key):
        return known
    in_language = Category.objects.filter(locale=locale)
    category = in_language.filter(code=subject.code).first() if subject.code else None
    if category is None:
        slug = subject.slug or slug_from_text(subject.name)
        if slug in RESERVED_CATEGORY_SLUGS:
            slug = f"{slug}-news"  # the plain slug names a site page
        category = in_language.filter(slug=slug).first()
        if category is None:
            category = Category(locale=locale, slug=slug, name=subject.name, code=subject.code)
            if linked and (sibling := Category.objects.filter(slug=slug).first()):
                category.translation_key = sibling.translation_key
            category.save()
            lookups.new_categories.append(category)
    lookups.remember(lookups.categories, key, category)
    return category


def default_category(locale: Locale, lookups: Lookups) -> Category:
    """The category of articles whose line names none (``SAHIFA_DEFAULT_CATEGORY``),
    made when missing with the name "News" in its language, linked across languages."""
    with translation.override(locale.language_code):
        name = str(DEFAULT_CATEGORY_NAME)
    subject = SubjectRef(name=name, code="", slug=settings.SAHIFA_DEFAULT_CATEGORY)
    return category_for(subject, locale, lookups, linked=True)


def apply_fields(
    article: Article,
    data: ArticleData,
    lookups: Lookups,
    image: NewsImage | None,
    keep_image: bool,
) -> None:
    """Everything the line says about the article, except its slug and tags.
    ``keep_image``: the line's picture could not be had, so leave the current one."""
    locale = lookups.locale(data.language)
    same_language = article.locale_id == locale.pk
    article.locale = locale
    if data.subject is not None:
        article.category = category_for(data.subject, locale, lookups)
    elif not (article.category_id and same_language):
        # A line that names no category leaves an existing article's as it is.
        article.category = default_category(locale, lookups)
    article.headline = data.headline
    article.social_headline = data.social_headline
    article.lead = data.lead
    article.body = data.body
    article.byline = data.byline
    article.is_top_story = data.is_top_story
    article.source_name = data.source_name
    article.source_url = data.source_url
    if data.view_count is not None:
        article.view_count = data.view_count
    if data.translation_key is not None:
        article.translation_key = data.translation_key
    if not keep_image:
        article.image = image
        article.image_caption = data.picture.caption if image and data.picture else ""
        article.image_credit = data.picture.credit if image and data.picture else ""
    _set_state(article, data)


def _set_state(article: Article, data: ArticleData) -> None:
    """Published (live) unless the line is withheld; times as the line gives them."""
    article.live = data.live
    article.has_unpublished_changes = not data.live
    article.expired = False
    article.go_live_at = None
    article.first_published_at = data.first_published_at
    if data.live:
        article.last_published_at = data.updated_at
    else:
        article.last_published_at = article.last_published_at or data.first_published_at
    article.updated_at = data.updated_at


def log_actions(created: bool, live: bool, was_live: bool) -> list[str]:
    """The history entries an editor's create/publish/unpublish would leave."""
    actions = ["wagtail.create"] if created else []
    if live:
        actions.append("wagtail.publish")
    elif was_live:
        actions.append("wagtail.unpublish")
    elif not created:
        actions.append("wagtail.edit")
    return actions
