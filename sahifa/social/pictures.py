"""Which picture stands for an article on social cards and in structured data, and the
address platforms are given for it.

An article's og:image is `/social/articles/<id>/image/` for its whole life, whatever
happens to its picture: Telegram, Facebook and X keep a link preview with the image
address they found, and a rendition's own address changes when an editor moves the
picture's focal point (Wagtail names renditions by it) and dies when the picture's file
is replaced (Wagtail deletes the old renditions). That address answers with the
article's picture as it is now in the social size (`views.article_image`), or its
category's card when it has none."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.files.storage import Storage, default_storage
from django.urls import reverse

from sahifa.articles.models import Article
from sahifa.core.urls import absolute_url
from sahifa.images import renditions
from sahifa.social.cards import SocialImage, category_card

# The sizes an article page shows to platforms: og:image, then the 16:9, 4:3 and 1:1
# pictures of its structured data. Read when the page's metadata block is built.
STRUCTURED_SIZES = (renditions.WIDE, renditions.STANDARD, renditions.SQUARE)
ARTICLE_SIZES = (renditions.SOCIAL, *STRUCTURED_SIZES)


@dataclass(frozen=True)
class Picture:
    """The file behind an article's social image: where it is stored, and the image."""

    image: SocialImage  # url: the file's own address (a rendition's, or the card's)
    storage: Storage
    name: str


def picture_alt(article: Article) -> str:
    """Alt text in the article's language: its own caption of the picture, else its
    headline (the picture's title and library caption may be in another language)."""
    return article.image_caption.strip() or article.headline


def article_picture(article: Article) -> Picture:
    """The article's picture in the social size, else its category's card."""
    if article.image is not None:
        rendition = renditions.sized(article.image, renditions.SOCIAL)[renditions.SOCIAL]
        if rendition.width:  # not Wagtail's stand-in for a missing file
            image = SocialImage(
                rendition.full_url, rendition.width, rendition.height, picture_alt(article)
            )
            return Picture(image, rendition.file.storage, rendition.file.name)
    return card_picture(article)


def card_picture(article: Article) -> Picture:
    card = category_card(article.category)
    return Picture(card, default_storage, card.stored)


def og_image(article: Article) -> SocialImage:
    """The article's og:image: its picture (or card) at the article's lasting address."""
    image = article_picture(article).image
    if article.pk is None:  # previewed before its first save: no lasting address yet
        return image
    return replace(image, url=absolute_url(reverse("social_article_image", args=[article.pk])))


def structured_images(article: Article) -> list[dict[str, Any]]:
    """ImageObjects for NewsArticle's `image`: the picture in 16:9, 4:3 and 1:1, else
    the category's card."""
    if article.image is not None:
        found = renditions.sized(article.image, *STRUCTURED_SIZES)
        shown = [found[spec] for spec in STRUCTURED_SIZES if found[spec].width]
        if shown:
            return [image_object(r.full_url, r.width, r.height) for r in shown]
    card = category_card(article.category)
    return [image_object(card.url, card.width, card.height)]


def image_object(url: str, width: int, height: int) -> dict[str, Any]:
    return {"@type": "ImageObject", "url": url, "width": width, "height": height}
