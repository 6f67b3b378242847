"""Template helpers of the public pages: pictures in the sizes the pages prefetch, and
absolute addresses (the canonical link; social cards are sahifa.social's)."""

from __future__ import annotations

from typing import Any

from django import template

from sahifa.core.urls import absolute_url
from sahifa.images import renditions

register = template.Library()

SIZES = {
    "card": renditions.CARD,
    "hero": renditions.HERO,
}


@register.simple_tag
def rendition(image: Any, size: str) -> Any:
    """The rendition of ``image`` at a named page size (``card``, ``hero``);
    use ``{% rendition item.image "card" as pic %}``."""
    if image is None:
        return None
    spec = SIZES[size]
    # Prefetched with a list (selectors.attach_renditions), else Wagtail's rendition
    # cache, else the database.
    return renditions.sized(image, spec)[spec]


@register.filter
def absolute(path: str) -> str:
    """``/en/world/x/`` -> ``https://example.com/en/world/x/``; full URLs pass through."""
    if not path or "://" in path:
        return path or ""
    return absolute_url(path)
