"""The article page: its elements in the reference page's order, social cards, pictures,
attribution and similar news."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def position(soup: BeautifulSoup, element) -> int:
    """Where an element stands in document order."""
    assert element is not None
    for index, candidate in enumerate(soup.find_all(True)):
        if candidate is element:
            return index
    raise AssertionError(f"{element.name} is not in the page")


@pytest.fixture
def full_article(make_article, make_category, make_image):
    """An article with everything the reference page shows, and six others beside it."""
    world = make_category("en", "world", "World")
    for n in range(7):
        make_article(f"Other world story {n}", category=world, age=timedelta(hours=2 + n))
    # The picture's library title and caption are Uzbek: an English page shows its own.
    photo = make_image("Chegara punkti", caption="Chegarada yuk mashinalari.", credit="Reuters")
    inline = make_image("Harbour", caption="The harbour at dawn.", credit="AFP")
    return make_article(
        "Talks reach a February deadline",
        category=world,
        social_headline="Both sides name February as the deadline",
        lead="Negotiators from both sides agreed on a date for the next round.",
        body=(
            "<p>The first paragraph of the report.</p>"
            f'<embed embedtype="image" id="{inline.pk}" format="fullwidth" alt="Boats"/>'
            "<p>The second paragraph.</p>"
        ),
        image=photo,
        image_caption="Trucks wait at the crossing.",
        source_name="Zamin.uz",
        source_url="https://zamin.uz/en/world/1.html",
        view_count=56,
        age=timedelta(minutes=10),
    )


def test_article_page_shows_the_reference_elements_in_order(client, full_article, make_article):
    pinned = make_article("Ticker headline of the day", is_top_story=True)
    soup = soup_of(client.get(full_article.get_url()))
    article = soup.find("article", class_="article")

    logo = soup.find(class_="logo")
    languages = soup.find("nav", class_="languages")
    ticker = soup.find(class_="ticker-link")
    weather = soup.find(class_="weather-slot")
    category = article.find("a", class_="chip")
    views = article.find(class_="views")
    headline = soup.find("h1")
    lead = article.find(class_="lead")
    image = article.find("figure", class_="main-image")
    body = article.find(class_="body")
    attribution = article.find(class_="attribution")
    similar = soup.find("section", class_="similar")

    order = [logo, languages, ticker, weather, category, views, headline, lead, image, body]
    order += [attribution, similar]
    positions = [position(soup, element) for element in order]
    assert positions == sorted(positions)

    assert logo.get_text(strip=True) == "Sahifa"
    assert {a["href"] for a in languages.find_all("a")} == {"/uz/", "/uz-cyrl/", "/ru/"}
    assert ticker["href"] == pinned.get_url()
    assert weather.get_text(strip=True) == ""
    assert category["href"] == "/en/world/" and category.get_text(strip=True) == "World"
    assert "56" in views.get_text()
    assert headline.get_text(strip=True) == "Talks reach a February deadline"
    assert lead.get_text(strip=True).startswith("Negotiators from both sides")
    assert attribution.get_text(" ", strip=True) == "This was reported by Zamin.uz ."
    assert attribution.a["href"] == "https://zamin.uz/en/world/1.html"
    assert similar.h2.get_text(strip=True) == "Similar news"


def test_page_has_landmarks_skip_link_and_one_h1(client, full_article):
    soup = soup_of(client.get(full_article.get_url()))
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main" and soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer") and soup.find("nav")
    assert len(soup.find_all("h1")) == 1
    assert soup.html["lang"] == "en"
    assert all(img.has_attr("alt") for img in soup.find_all("img"))


def test_social_card_and_canonical(client, full_article, settings):
    soup = soup_of(client.get(full_article.get_url()))

    def meta(prop: str) -> str:
        tag = soup.find("meta", property=prop) or soup.find("meta", attrs={"name": prop})
        return tag["content"]

    assert meta("og:title") == "Both sides name February as the deadline"
    assert meta("og:description").startswith("Negotiators from both sides agreed")
    # The article's lasting picture address (sahifa.social.pictures), 1200×630.
    image_url = f"{settings.SAHIFA_BASE_URL}/social/articles/{full_article.pk}/image/"
    assert meta("og:image") == image_url
    assert (meta("og:image:width"), meta("og:image:height")) == ("1200", "630")
    assert meta("og:url") == f"{settings.SAHIFA_BASE_URL}{full_article.get_url()}"
    assert soup.find("link", rel="canonical")["href"] == meta("og:url")
    assert meta("twitter:card") == "summary_large_image"


def test_social_title_falls_back_to_headline(client, make_article):
    article = make_article("A plain headline", lead="")
    soup = soup_of(client.get(article.get_url()))
    assert soup.find("meta", property="og:title")["content"] == "A plain headline"
    # Without a lead the description comes from the body text.
    assert soup.find("meta", property="og:description")["content"].startswith("Body of article")


def test_main_image_with_caption_and_credit(client, full_article):
    soup = soup_of(client.get(full_article.get_url()))
    figure = soup.find("figure", class_="main-image")
    assert figure.img["alt"] == "Trucks wait at the crossing."
    assert int(figure.img["width"]) == 960 and int(figure.img["height"]) == 540
    assert "Trucks wait at the crossing." in figure.figcaption.get_text()
    assert "Chegara" not in str(soup.find("article"))
    assert "Reuters" in figure.figcaption.find(class_="credit").get_text()


def test_article_caption_overrides_the_image_caption(client, make_article, make_image):
    image = make_image("Field", caption="Library caption", credit="Library credit")
    article = make_article(image=image, image_caption="This story's caption", image_credit="")
    figcaption = soup_of(client.get(article.get_url())).find("figure", class_="main-image")
    assert "This story's caption" in figcaption.get_text()
    assert "Library credit" in figcaption.get_text()


def test_the_library_caption_is_not_shown_in_another_language(client, make_article, make_image):
    # The library's caption may be in any language; the page shows the article's own.
    image = make_image("Dala", caption="Kutubxona izohi", credit="AFP")
    article = make_article("Harvest begins", image=image, image_caption="", image_credit="")
    figure = soup_of(client.get(article.get_url())).find("figure", class_="main-image")
    assert "Kutubxona" not in figure.get_text() and "AFP" in figure.figcaption.get_text()
    assert figure.img["alt"] == "Harvest begins"


def test_body_images_are_figures_with_captions(client, full_article):
    body = soup_of(client.get(full_article.get_url())).find(class_="body")
    figure = body.find("figure")
    assert "figure-full" in figure["class"]
    assert figure.img["alt"] == "Boats"
    assert figure.figcaption.get_text(" ", strip=True) == "The harbour at dawn. AFP"
    paragraphs = [p.get_text() for p in body.find_all("p")]
    assert paragraphs == ["The first paragraph of the report.", "The second paragraph."]


def test_attribution_without_link_and_without_source(client, make_article):
    named = make_article(source_name="Kun.uz")
    soup = soup_of(client.get(named.get_url()))
    attribution = soup.find(class_="attribution")
    assert attribution.get_text(strip=True) == "This was reported by Kun.uz."
    assert attribution.find("a") is None
    plain = make_article()
    assert soup_of(client.get(plain.get_url())).find(class_="attribution") is None


def test_similar_news_six_newest_of_the_category_not_the_article(
    client, make_article, make_category, make_image
):
    world = make_category("en", "world", "World")
    sport = make_category("en", "sport", "Sport")
    article = make_article("The story itself", category=world, age=timedelta(minutes=1))
    picture = make_image("Stadium")
    others = [
        make_article(f"World item {n}", category=world, age=timedelta(hours=n + 1))
        for n in range(8)
    ]
    others[0].image = picture
    others[0].lead = "word " * 80
    others[0].save()
    make_article("Sport item", category=sport, age=timedelta(seconds=30))
    make_article("Russian world item", language="ru", age=timedelta(seconds=10))
    make_article("Unpublished world item", category=world, live=False)

    section = soup_of(client.get(article.get_url())).find("section", class_="similar")
    cards = section.find_all("article", class_="card")
    titles = [card.find(class_="card-title").get_text(strip=True) for card in cards]
    assert titles == [f"World item {n}" for n in range(6)]
    first = cards[0]
    assert first.find("img")["src"].endswith(".jpg")
    assert ".fill-480x270" in first.find("img")["src"]
    snippet = first.find(class_="card-snippet").get_text()
    assert len(snippet) <= 200 and snippet.endswith("…") and snippet.startswith("word word")
    assert first.find(class_="card-category").get_text(strip=True) == "World"
    assert first.find("time")["datetime"]
    assert cards[1].find("img") is None


def test_times_in_tashkent_like_the_reference_page(client, make_article, make_category):
    world = make_category("en", "world", "World")
    tashkent = ZoneInfo("Asia/Tashkent")
    article = make_article("Fresh", category=world, age=timedelta(minutes=1))
    make_article(
        "Old story", category=world, published_at=datetime(2025, 8, 1, 19, 48, tzinfo=tashkent)
    )
    soup = soup_of(client.get(article.get_url()))
    times = [t.get_text(strip=True) for t in soup.select(".similar time")]
    assert times == ["19:48, 1-08-2025"]
    # The old story's exact moment is kept for machines, in Tashkent time.
    assert soup.select_one(".similar time")["datetime"].startswith("2025-08-01T19:48")


def test_rail_lists_the_languages_latest_other_headlines(client, make_article, make_category):
    sport = make_category("en", "sport", "Sport")
    article = make_article("The story itself", age=timedelta(minutes=1))
    newer = make_article("Newer sport story", category=sport, age=timedelta(seconds=5))
    make_article("Russian story", language="ru", age=timedelta(seconds=1))
    older = make_article("Older world story", age=timedelta(hours=3))
    rail = soup_of(client.get(article.get_url())).find("aside", class_="rail")
    links = [(a.get_text(strip=True), a["href"]) for a in rail.select(".latest-list a")]
    assert links == [(newer.headline, newer.get_url()), (older.headline, older.get_url())]
    # It stands beside <main>, not inside it.
    assert rail.find_parent("main") is None
