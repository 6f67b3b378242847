"""Fixtures of the social-card tests: one story in the four languages, linked as
translations, with a large picture whose library title and caption are Uzbek."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from sahifa.languages.sync import paused
from sahifa.pages.tests.conftest import make_image  # noqa: F401  (a fixture)

LANGUAGES = ("uz", "uz-cyrl", "ru", "en")
SCRIPT_TAGS = {"uz": "uz-Latn", "uz-cyrl": "uz-Cyrl", "ru": "ru", "en": "en"}
OG_LOCALES = {"uz": "uz_UZ", "uz-cyrl": "uz_UZ", "ru": "ru_RU", "en": "en_US"}


@dataclass(frozen=True)
class Edition:
    category_slug: str
    category: str
    headline: str
    lead: str
    caption: str
    tags: tuple[str, ...]


EDITIONS = {
    "uz": Edition(
        "dunyo",
        "Dunyo",
        "Muzokaralar fevral muddatiga yetdi",
        "Ikki tomon keyingi bosqich sanasini kelishib oldi.",
        "Chegarada yuk mashinalari navbatda turibdi.",
        ("muzokaralar", "chegara"),
    ),
    "uz-cyrl": Edition(
        "dunyo",
        "Дунё",
        "Музокаралар феврал муддатига етди",
        "Икки томон кейинги босқич санасини келишиб олди.",
        "Чегарада юк машиналари навбатда турибди.",
        ("музокаралар",),
    ),
    "ru": Edition(
        "mir",
        "Мир",
        "Переговоры вышли на февральский срок",
        "Стороны договорились о дате следующего раунда.",
        "Грузовики ждут на границе.",
        ("переговоры",),
    ),
    "en": Edition(
        "world",
        "World",
        "Talks reach a February deadline",
        "Both sides agreed on a date for the next round.",
        "Trucks wait at the border.",
        ("talks", "border"),
    ),
}
# The picture as the library holds it: title and caption in Uzbek.
LIBRARY_TITLE, LIBRARY_CAPTION = "Chegara punkti rasmi", "Kutubxonadagi izoh"


@pytest.fixture
def story(make_article, make_category, make_image):  # noqa: F811  (the fixture above)
    """Language code -> the story's published article in that language."""
    picture = make_image(
        LIBRARY_TITLE, caption=LIBRARY_CAPTION, credit="Reuters", size=(2400, 1350)
    )
    key, category_key = uuid.uuid4(), uuid.uuid4()
    found = {}
    # The story brings its own Uzbek Cyrillic edition: none is written from the Latin.
    with paused():
        for language, edition in EDITIONS.items():
            category = make_category(
                language, edition.category_slug, edition.category, translation_key=category_key
            )
            article = make_article(
                edition.headline,
                language=language,
                category=category,
                lead=edition.lead,
                image=picture,
                image_caption=edition.caption,
                byline="Dilnoza Rahimova",
                translation_key=key,
                age=timedelta(minutes=30),
            )
            article.tags.add(*edition.tags)
            article.save()
            found[language] = article
    return found


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def meta(soup: BeautifulSoup, name: str) -> str:
    """The content of a <meta property=…> or <meta name=…>; AssertionError if absent."""
    tag = soup.find("meta", property=name) or soup.find("meta", attrs={"name": name})
    assert tag is not None, f"no <meta {name}>"
    return str(tag["content"])


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [str(tag["content"]) for tag in soup.find_all("meta", property=name)]


def json_ld(soup: BeautifulSoup) -> dict[str, dict]:
    """The page's JSON-LD objects by their @type."""
    found = {}
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string or "")
        found[data["@type"]] = data
    return found
