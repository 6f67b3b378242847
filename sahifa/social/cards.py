"""Branded card images for pages without a picture: the site's (home, latest news, per
language: its tagline is translated) and each category's. Drawn once, kept in media
storage under a name that carries a digest of what is drawn (a renamed category gets a
new card; an unchanged one is never drawn again), served from there by URL."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from sahifa.articles.models import Category
from sahifa.core.urls import absolute_url
from sahifa.social import drawing
from sahifa.social.texts import TAGLINE

logger = logging.getLogger(__name__)

FOLDER = "social/cards"
DESIGN = 1  # raise when drawing.card draws differently: every card is drawn again
_stored: set[str] = set()  # names this process has seen in storage


@dataclass(frozen=True)
class SocialImage:
    """A picture a social card shows (og:image), with its size and alt text."""

    url: str  # absolute
    width: int
    height: int
    alt: str
    stored: str = ""  # a card's name in media storage


def site_card(language_code: str) -> SocialImage:
    """The site's card in a language: its name, and its tagline in that language."""
    site = settings.WAGTAIL_SITE_NAME
    with translation.override(language_code):
        tagline = str(TAGLINE)
    return _card(f"site-{language_code}", site, title=site, subtitle=tagline)


def category_card(category: Category) -> SocialImage:
    """A category's card: its name large, the site's name beside the mark."""
    site = settings.WAGTAIL_SITE_NAME
    key = f"category-{category.locale.language_code}-{category.slug}"
    return _card(key, f"{category.name} — {site}", title=category.name, label=site)


def _card(key: str, alt: str, **texts: str) -> SocialImage:
    name = stored_name(key, texts)
    ensure(name, texts)
    width, height = drawing.CARD_SIZE
    url = default_storage.url(name)
    url = url if "://" in url else absolute_url(url)
    return SocialImage(url=url, width=width, height=height, alt=alt, stored=name)


def stored_name(key: str, texts: dict[str, str]) -> str:
    what = json.dumps([DESIGN, drawing.font_path(), texts], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(what.encode()).hexdigest()[:12]
    return f"{FOLDER}/{key}-{digest}.png"


def ensure(name: str, texts: dict[str, str]) -> None:
    """Draw and store the card unless storage has it (asked once per process)."""
    if name in _stored:
        return
    if not default_storage.exists(name):
        buffer = io.BytesIO()
        drawing.card(**texts).save(buffer, "PNG", optimize=True)
        saved = default_storage.save(name, ContentFile(buffer.getvalue()))
        if saved != name:  # another process stored it meanwhile: keep theirs
            default_storage.delete(saved)
        logger.info("Drew the social card %s", name)
    _stored.add(name)
