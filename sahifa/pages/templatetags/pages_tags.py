"""Template helpers of the public pages: pictures in the sizes the pages prefetch, and
absolute addresses for social cards."""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from sahifa.core.urls import absolute_url
from sahifa.images import renditions

register = template.Library()

SIZES = {
    "card": renditions.CARD,
    "hero": renditions.HERO,
    "social": renditions.SOCIAL,
}


@register.simple_tag
def rendition(image: Any, size: str) -> Any:
    """The rendition of ``image`` at a named page size (``card``, ``hero``, ``social``);
    use ``{% rendition item.image "card" as pic %}``."""
    if image is None:
        return None
    spec = SIZES[size]
    if "renditions" in getattr(image, "_prefetched_objects_cache", {}):
        # Fetched with the page (selectors.attach_renditions): use it as it is, where
        # get_rendition would also write it to the cache, a pickle per picture.
        try:
            return image.find_existing_rendition(Filter(spec=spec))
        except image.renditions.model.DoesNotExist:
            pass  # not made yet: get_rendition makes it
    return get_rendition_or_not_found(image, spec)


@register.filter
def absolute(path: str) -> str:
    """``/en/world/x/`` -> ``https://example.com/en/world/x/``; full URLs pass through."""
    if not path or "://" in path:
        return path or ""
    return absolute_url(path)
