"""Readable ASCII slugs for articles in any script."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anyascii import anyascii
from django.utils.text import slugify

if TYPE_CHECKING:
    from sahifa.articles.models import Article

MAX_SLUG_LENGTH = 80


def slug_from_text(text: str) -> str:
    """`Ўзбекистон янгиликлари` -> `uzbekiston-yangiliklari`; cut at a word."""
    slug = slugify(anyascii(text).replace("'", ""))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or "article"


def unique_slug(article: Article) -> str:
    """A slug from the headline that no other article of the same language has."""
    from sahifa.articles.models import Article, FormerSlug

    base = slug_from_text(article.headline)
    taken = set(
        Article.objects.filter(locale_id=article.locale_id, slug__startswith=base)
        .exclude(pk=article.pk)
        .values_list("slug", flat=True)
    )
    taken |= set(
        FormerSlug.objects.filter(locale_id=article.locale_id, slug__startswith=base)
        .exclude(article_id=article.pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
