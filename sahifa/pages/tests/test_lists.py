"""Home, category and latest-news pages; the ticker; languages kept apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(soup: BeautifulSoup, selector: str = ".card-title") -> list[str]:
    return [tag.get_text(strip=True) for tag in soup.select(selector)]


@pytest.fixture
def small_page(settings):
    settings.SAHIFA_PAGE_SIZE = 3


def test_home_page_top_story_latest_and_category_blocks(client, make_article, make_category):
    world = make_category("en", "world", "World", sort_order=1)
    sport = make_category("en", "sport", "Sport", sort_order=2)
    make_category("en", "empty", "Empty", sort_order=3)
    top = make_article("Pinned top story", category=world, is_top_story=True, age=timedelta(days=1))
    world_items = [
        make_article(f"World {n}", category=world, age=timedelta(hours=n)) for n in (1, 2)
    ]
    sport_item = make_article("Sport 1", category=sport, age=timedelta(minutes=5))

    soup = soup_of(client.get("/en/"))
    hero = soup.select_one(".top-story .hero-title a")
    assert hero.get_text(strip=True) == "Pinned top story" and hero["href"] == top.get_url()
    latest = [a.get_text(strip=True) for a in soup.select(".latest-list a")]
    assert latest == ["Sport 1", "World 1", "World 2"]
    blocks = soup.select(".category-block")
    assert [b.h2.get_text(strip=True) for b in blocks] == ["World", "Sport"]
    assert card_titles(blocks[0]) == ["World 1", "World 2", "Pinned top story"]
    assert card_titles(blocks[1]) == [sport_item.headline]
    assert blocks[0].h2.a["href"] == world.get_url()
    assert world_items[0].get_url() in str(blocks[0])


def test_empty_home_page_says_so(client):
    soup = soup_of(client.get("/en/"))
    assert soup.find(class_="empty") and not soup.select(".ticker")


def test_category_page_description_snippets_and_pagination(
    client, make_article, make_category, small_page
):
    world = make_category("en", "world", "World", description="News from around the world.")
    for n in range(7):
        make_article(f"World {n}", category=world, lead="long words " * 40, age=timedelta(hours=n))

    soup = soup_of(client.get("/en/world/"))
    assert soup.h1.get_text(strip=True) == "World"
    assert soup.find(class_="description").get_text(strip=True) == "News from around the world."
    assert card_titles(soup) == ["World 0", "World 1", "World 2"]
    snippets = [p.get_text() for p in soup.select(".card-snippet")]
    assert all(len(s) <= 200 and s.endswith("…") for s in snippets)
    pages = soup.select_one("nav.pagination")
    assert pages.select_one("[aria-current=page]").get_text() == "1"
    assert [a["href"] for a in pages.select("a:not([rel])")] == [
        "/en/world/page/2/",
        "/en/world/page/3/",
    ]
    assert soup.find("link", rel="canonical")["href"].endswith("/en/world/")

    second = soup_of(client.get("/en/world/page/2/"))
    assert card_titles(second) == ["World 3", "World 4", "World 5"]
    assert second.select_one("a[rel=prev]")["href"] == "/en/world/"
    assert second.select_one("a[rel=next]")["href"] == "/en/world/page/3/"
    assert second.find("link", rel="canonical")["href"].endswith("/en/world/page/2/")
    assert card_titles(soup_of(client.get("/en/world/page/3/"))) == ["World 6"]


@pytest.mark.parametrize("path", ["/en/world/page/4/", "/en/world/page/0/", "/en/latest/page/0/"])
def test_pages_past_the_end_and_page_zero_are_404(
    client, make_article, make_category, small_page, path
):
    world = make_category("en", "world", "World")
    for n in range(7):
        make_article(f"World {n}", category=world)
    assert client.get(path).status_code == 404


def test_page_one_redirects_to_the_list_itself(client, make_article):
    make_article()
    assert client.get("/en/world/page/1/")["Location"] == "/en/world/"
    assert client.get("/en/latest/page/1/")["Location"] == "/en/latest/"


def test_empty_category_shows_its_first_page(client, make_category):
    make_category("en", "science", "Science")
    soup = soup_of(client.get("/en/science/"))
    assert soup.find(class_="empty")
    assert client.get("/en/science/page/2/").status_code == 404


def test_latest_page_lists_every_category_newest_first(
    client, make_article, make_category, small_page
):
    world = make_category("en", "world", "World")
    sport = make_category("en", "sport", "Sport")
    make_article("Oldest", category=world, age=timedelta(hours=5))
    make_article("Middle", category=sport, age=timedelta(hours=3))
    make_article("Newest", category=world, age=timedelta(hours=1))
    make_article("Hidden draft", category=sport, live=False)
    make_article("Fourth", category=sport, age=timedelta(hours=9))

    soup = soup_of(client.get("/en/latest/"))
    assert soup.h1.get_text(strip=True) == "Latest news"
    assert card_titles(soup) == ["Newest", "Middle", "Oldest"]
    assert [c.get_text(strip=True) for c in soup.select(".card-category")] == [
        "World",
        "Sport",
        "World",
    ]
    assert card_titles(soup_of(client.get("/en/latest/page/2/"))) == ["Fourth"]
    assert client.get("/en/latest/page/3/").status_code == 404


def test_ticker_is_newest_pinned_story_else_newest(
    client, make_article, django_capture_on_commit_callbacks
):
    newest = make_article("Newest story", age=timedelta(minutes=1))
    soup = soup_of(client.get("/en/latest/"))
    assert soup.select_one(".ticker-label").get_text() == "Today"
    assert soup.select_one(".ticker-link")["href"] == newest.get_url()

    with django_capture_on_commit_callbacks(execute=True):  # blocks renew on commit
        make_article("Older pin", is_top_story=True, age=timedelta(hours=5))
        newer_pin = make_article("Newer pin", is_top_story=True, age=timedelta(hours=2))
        make_article("Unpublished pin", is_top_story=True, live=False)
        make_article("Russian pin", language="ru", is_top_story=True, age=timedelta(seconds=1))
    ticker = soup_of(client.get(newest.get_url())).select_one(".ticker-link")
    assert ticker.get_text(strip=True) == "Newer pin"
    assert ticker["href"] == newer_pin.get_url()


def test_each_language_shows_only_its_own_articles(client, make_article, make_category):
    headlines = {"uz": "Oʻzbekcha xabar", "uz-cyrl": "Ўзбекча хабар", "ru": "Русская новость"}
    headlines["en"] = "English news"
    for code, headline in headlines.items():
        make_category(code, "world", f"World {code}")
        make_article(headline, language=code)
    for code, headline in headlines.items():
        for path in (f"/{code}/", f"/{code}/latest/", f"/{code}/world/"):
            html = soup_of(client.get(path)).find("main").get_text()
            assert headline in html, path
            others = [h for c, h in headlines.items() if c != code]
            assert not any(other in html for other in others), path
    # The header names the other languages' home pages.
    links = soup_of(client.get("/ru/")).select("nav.languages a")
    assert sorted(a["href"] for a in links) == ["/en/", "/uz-cyrl/", "/uz/"]
