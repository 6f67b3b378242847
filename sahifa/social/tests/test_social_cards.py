"""OpenGraph and Twitter tags, translated titles and descriptions on every public page
kind in every language; branded cards for pages without a picture; alt text in the
page's language."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from sahifa.social import cards
from sahifa.social.tests.conftest import (
    EDITIONS,
    LANGUAGES,
    LIBRARY_CAPTION,
    LIBRARY_TITLE,
    OG_LOCALES,
    meta,
    metas,
    soup_of,
)

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL
PAGE_KINDS = ("home", "latest", "category", "category-2", "article")
# Every page names the site in its title; these words show it is in the page's language.
TITLE_WORDS = {
    ("uz", "latest"): "Soʻnggi xabarlar",
    ("uz-cyrl", "latest"): "Сўнгги хабарлар",
    ("ru", "latest"): "Последние новости",
    ("en", "latest"): "Latest news",
}


def path_of(kind: str, language: str, story) -> str:
    article = story[language]
    return {
        "home": f"/{language}/",
        "latest": f"/{language}/latest/",
        "category": article.category.get_url(),
        "category-2": article.category.get_url(page=2),
        "article": article.get_url(),
    }[kind]


@pytest.fixture
def two_pages(story, make_article, settings):
    """A second page of every category (one article a page)."""
    settings.SAHIFA_PAGE_SIZE = 1
    for language, article in story.items():
        make_article(
            f"{EDITIONS[language].headline} 2",
            language=language,
            category=article.category,
            age=timedelta(hours=3),
        )
    return story


def test_each_page_of_a_category_names_its_own_address(client, two_pages):
    # The category's tags are a shared block, read by each of its pages.
    category = two_pages["en"].category
    for page in (1, 2, 1):
        soup = soup_of(client.get(category.get_url(page=page)))
        assert meta(soup, "og:url") == f"{BASE}{category.get_url(page=page)}"
        assert meta(soup, "og:url") == soup.find("link", rel="canonical")["href"]


def fetch(client, url: str):
    """A same-site absolute URL, asked of the test client."""
    assert url.startswith(BASE), url
    response = client.get(url.removeprefix(BASE))
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_kind_has_its_social_card(client, two_pages, language, kind):
    soup = soup_of(client.get(path_of(kind, language, two_pages)))

    assert meta(soup, "og:site_name") == "Sahifa"
    assert meta(soup, "og:title")
    assert meta(soup, "og:description") == meta(soup, "description")
    assert meta(soup, "og:url") == soup.find("link", rel="canonical")["href"]
    assert meta(soup, "og:type") == ("article" if kind == "article" else "website")
    assert meta(soup, "og:locale") == OG_LOCALES[language]
    others = {OG_LOCALES[code] for code in LANGUAGES} - {OG_LOCALES[language]}
    assert set(metas(soup, "og:locale:alternate")) == others
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "og:image:alt")

    picture = Image.open(io.BytesIO(fetch(client, meta(soup, "og:image"))))
    assert picture.size == (int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height")))
    assert picture.size == (1200, 630)

    article_tags = ("article:published_time", "article:modified_time", "article:section")
    if kind == "article":
        assert all(meta(soup, name) for name in article_tags)
        assert meta(soup, "article:section") == EDITIONS[language].category
        assert sorted(metas(soup, "article:tag")) == sorted(EDITIONS[language].tags)
    else:
        assert not any(soup.find("meta", property=name) for name in article_tags)


@pytest.mark.parametrize("language", LANGUAGES)
def test_titles_and_descriptions_are_in_the_page_language(client, story, language):
    latest = soup_of(client.get(f"/{language}/latest/"))
    assert latest.title.string == f"{TITLE_WORDS[language, 'latest']} — Sahifa"
    home = soup_of(client.get(f"/{language}/"))
    with translation.override(language):
        from sahifa.social.texts import HOME_DESCRIPTION, TAGLINE

        assert home.title.string == f"Sahifa — {TAGLINE}"
        assert meta(home, "description") == str(HOME_DESCRIPTION)
    category = soup_of(client.get(story[language].category.get_url()))
    assert meta(category, "og:title") == EDITIONS[language].category
    assert EDITIONS[language].category in meta(category, "description")
    if language != "en":
        assert "news" not in meta(home, "description")
        assert "news" not in meta(category, "description")


def test_a_category_description_is_its_meta_description(client, make_category, make_article):
    category = make_category("en", "sport", "Sport", description="Matches, results, transfers.")
    make_article(category=category)
    soup = soup_of(client.get("/en/sport/"))
    assert meta(soup, "description") == "Matches, results, transfers."


@pytest.mark.parametrize("language", LANGUAGES)
def test_alt_text_is_in_the_page_language(client, story, language):
    soup = soup_of(client.get(story[language].get_url()))
    caption = EDITIONS[language].caption
    assert meta(soup, "og:image:alt") == caption
    assert soup.find("figure", class_="main-image").img["alt"] == caption
    if language != "uz":
        page = str(soup)
        assert LIBRARY_TITLE not in page and LIBRARY_CAPTION not in page


def test_alt_text_without_a_caption_is_the_headline(client, make_article, make_image):
    article = make_article("Harvest begins", image=make_image("Dala"), image_caption="")
    soup = soup_of(client.get(article.get_url()))
    assert meta(soup, "og:image:alt") == "Harvest begins"


def card_files() -> dict[str, datetime]:
    _, files = default_storage.listdir(cards.FOLDER)
    return {name: default_storage.get_modified_time(f"{cards.FOLDER}/{name}") for name in files}


def test_branded_cards_are_1200x630_pngs_drawn_once(client, story, monkeypatch):
    home = soup_of(client.get("/ru/"))
    url = meta(home, "og:image")
    assert url.startswith(f"{BASE}/media/{cards.FOLDER}/site-ru-") and url.endswith(".png")
    picture = Image.open(io.BytesIO(fetch(client, url)))
    assert picture.format == "PNG" and picture.size == (1200, 630)
    assert meta(home, "og:image:alt") == "Sahifa"

    category = soup_of(client.get("/ru/mir/"))
    card = meta(category, "og:image")
    assert f"/{cards.FOLDER}/category-ru-mir-" in card
    assert Image.open(io.BytesIO(fetch(client, card))).size == (1200, 630)
    assert meta(category, "og:image:alt") == "Мир — Sahifa"

    # Kept in storage: another process (this one, forgetting what it saw) draws nothing.
    before = card_files()
    monkeypatch.setattr(cards, "_stored", set())
    for path in ("/ru/", "/ru/mir/", "/ru/latest/"):
        client.get(path)
    assert card_files() == before


def test_a_renamed_category_gets_a_new_card(client, story, django_capture_on_commit_callbacks):
    from sahifa.articles import actions

    category = story["en"].category
    before = meta(soup_of(client.get("/en/world/")), "og:image")
    category.name = "Around the world"
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_category(category, via="admin")
    after = meta(soup_of(client.get("/en/world/")), "og:image")
    assert before != after
    assert Image.open(io.BytesIO(fetch(client, after))).size == (1200, 630)


def test_the_cards_text_is_drawn_in_a_font_with_cyrillic():
    from sahifa.social import drawing

    # Debian's DejaVu (fonts-dejavu-core) or a font named in SAHIFA_CARD_FONT.
    assert drawing.font_path(), "no font with Cyrillic letters found for the cards"
