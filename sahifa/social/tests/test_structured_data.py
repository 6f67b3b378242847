"""Structured data (JSON-LD) of article, category and home pages in every language,
read back as JSON."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from django.conf import settings

from sahifa.social.tests.conftest import EDITIONS, LANGUAGES, SCRIPT_TAGS, json_ld, soup_of

pytestmark = pytest.mark.django_db

OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
BASE = settings.SAHIFA_BASE_URL


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_page_carries_news_article(client, story, language):
    article, edition = story[language], EDITIONS[language]
    data = json_ld(soup_of(client.get(article.get_url())))
    news = data["NewsArticle"]
    url = f"{BASE}{article.get_url()}"

    assert news["@context"] == "https://schema.org"
    assert news["headline"] == edition.headline
    assert news["description"] == edition.lead
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["inLanguage"] == SCRIPT_TAGS[language]
    assert news["articleSection"] == edition.category
    assert sorted(news["keywords"]) == sorted(edition.tags)
    assert news["author"] == [{"@type": "Person", "name": "Dilnoza Rahimova"}]

    publisher = news["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Sahifa"
    assert publisher["logo"]["url"].startswith(f"{BASE}/static/social/icon-512")
    assert publisher["logo"]["width"] == publisher["logo"]["height"] == 512

    for field in ("datePublished", "dateModified"):
        assert OFFSET.match(news[field]), news[field]
    published = datetime.fromisoformat(news["datePublished"])
    assert published == article.first_published_at.replace(microsecond=0)
    assert datetime.fromisoformat(news["dateModified"]) >= published


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_images_in_three_shapes_at_least_1200_wide(client, story, language):
    news = json_ld(soup_of(client.get(story[language].get_url())))["NewsArticle"]
    images = news["image"]
    shapes = {(i["width"] * 100) // i["height"] for i in images}
    assert shapes == {177, 133, 100}  # 16:9, 4:3, 1:1
    assert all(i["width"] >= 1200 and i["url"].startswith(f"{BASE}/media/") for i in images)
    for image in images:
        response = client.get(image["url"].removeprefix(BASE))
        assert response.status_code == 200


def test_a_small_picture_is_not_enlarged(client, make_article, make_image):
    article = make_article(image=make_image("Small", size=(800, 450)))
    images = json_ld(soup_of(client.get(article.get_url())))["NewsArticle"]["image"]
    assert [(i["width"], i["height"]) for i in images] == [(800, 450), (600, 450), (450, 450)]


def test_an_article_without_picture_shows_its_category_card(client, make_article):
    article = make_article()
    images = json_ld(soup_of(client.get(article.get_url())))["NewsArticle"]["image"]
    assert len(images) == 1 and (images[0]["width"], images[0]["height"]) == (1200, 630)
    assert "/media/social/cards/category-en-world-" in images[0]["url"]


def test_without_a_byline_the_site_is_the_author(client, make_article):
    article = make_article(byline="")
    news = json_ld(soup_of(client.get(article.get_url())))["NewsArticle"]
    assert news["author"] == [{"@type": "Organization", "name": "Sahifa", "url": f"{BASE}/"}]
    assert "keywords" not in news  # no tags


def test_a_long_headline_is_cut_at_a_word(client, make_article):
    words = "Parliament debates the budget for schools hospitals roads and bridges " * 3
    article = make_article(words.strip())
    headline = json_ld(soup_of(client.get(article.get_url())))["NewsArticle"]["headline"]
    assert len(headline) <= 110 and headline.endswith("…")
    assert words.startswith(headline.removesuffix("…"))
    assert words[len(headline) - 1] == " "  # the cut fell between words


def test_a_hostile_headline_stays_inside_its_script(client, make_article):
    hostile = 'Bad </script><script>alert("x")</script> news & <!-- more'
    article = make_article(hostile)
    html = client.get(article.get_url()).content.decode()
    assert '<script>alert("x")' not in html
    soup = soup_of(client.get(article.get_url()))
    data = json_ld(soup)
    assert data["NewsArticle"]["headline"] == hostile
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == hostile
    # Only the page's own scripts: the structured data and script files.
    assert all(s.get("src") or s["type"] == "application/ld+json" for s in soup("script"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_breadcrumbs_lead_home_category_article(client, story, language):
    article, edition = story[language], EDITIONS[language]
    trail = json_ld(soup_of(client.get(article.get_url())))["BreadcrumbList"]
    steps = [(i["position"], i["name"], i["item"]) for i in trail["itemListElement"]]
    assert steps == [
        (1, "Sahifa", f"{BASE}/{language}/"),
        (2, edition.category, f"{BASE}{article.category.get_url()}"),
        (3, edition.headline, f"{BASE}{article.get_url()}"),
    ]


def test_category_page_breadcrumbs(client, story):
    trail = json_ld(soup_of(client.get("/ru/mir/")))["BreadcrumbList"]
    assert [i["name"] for i in trail["itemListElement"]] == ["Sahifa", "Мир"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_carries_website_and_organization(client, story, language):
    data = json_ld(soup_of(client.get(f"/{language}/")))
    website, organization = data["WebSite"], data["Organization"]
    assert website["url"] == f"{BASE}/{language}/"
    assert website["inLanguage"] == SCRIPT_TAGS[language]
    assert website["name"] == "Sahifa" and website["description"]
    assert website["publisher"] == {"@id": organization["@id"]}
    assert organization["name"] == "Sahifa" and organization["url"] == f"{BASE}/"
    assert organization["logo"]["url"].startswith(f"{BASE}/static/social/icon-512")
    assert "NewsArticle" not in data


def test_json_ld_is_one_line_of_json_without_markup(client, story):
    soup = soup_of(client.get(story["en"].get_url()))
    for script in soup.find_all("script", type="application/ld+json"):
        text = script.string
        assert "<" not in text and ">" not in text and "&" not in text
        json.loads(text)


def test_a_preview_shows_the_version_being_edited(client, settings, tmp_path, story):
    """The newsroom's preview of a live article: its card and structured data are the
    edited version's, not the live one's shared block."""
    from django.urls import reverse

    from sahifa.articles.tests.test_newsroom import article_form
    from sahifa.demo.editors import ensure_editor

    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    assert client.login(username=credentials.username, password=credentials.password)
    article = story["en"]
    client.get(article.get_url())  # the live version's block is cached
    url = reverse("wagtailsnippets_articles_article:preview_on_edit", args=[article.pk])
    form = article_form(
        article.category, article.image, headline="Talks move to March", tags="ceasefire"
    )
    assert client.post(url, form).json()["is_valid"]
    data = json_ld(soup_of(client.get(url)))
    assert data["NewsArticle"]["headline"] == "Talks move to March"
    assert data["NewsArticle"]["keywords"] == ["ceasefire"]
