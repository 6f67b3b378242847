"""What a reader notices in a real browser on a new site of ten articles: the ticker
never repeats the headline being read, landmarks have names of their own, similar news
has six items, cards in a row line up with or without a picture, and the byline and
time stand under the headline."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sahifa.related.tests.conftest import SUBJECTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = (1280, 900)


@pytest.fixture
def site(db, live_server, make_article, make_category, make_image):
    """Ten English articles in two categories, every other one with a picture; the
    oldest is pinned as top story; similar lists computed as the jobs compute them."""
    from sahifa.related.rebuild import rebuild

    categories = [make_category("en", "world"), make_category("en", "sport")]
    picture = make_image("Picture", size=(800, 450))
    subjects = list(SUBJECTS)
    articles = [
        make_article(
            headline=f"Story {n}: {subjects[n % len(subjects)]} news of the day",
            lead=f"The lead of story {n}.",
            body=f"<p>{SUBJECTS[subjects[n % len(subjects)]]} Detail number {n}.</p>",
            byline="Staff reporter",
            category=categories[n % 2],
            image=picture if n % 2 else None,
            is_top_story=n == 9,
            age=timedelta(hours=n + 1),
        )
        for n in range(10)
    ]
    rebuild()
    return articles


def show(browser, url: str) -> None:
    width, height = DESKTOP
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    browser.get(url)


def text(browser, selector: str) -> str:
    return browser.execute_script(
        "const el = document.querySelector(arguments[0]); return el ? el.innerText.trim() : null",
        selector,
    )


def boxes(browser, selector: str) -> list[dict]:
    return browser.execute_script(
        """return [...document.querySelectorAll(arguments[0])].map(el => {
             const r = el.getBoundingClientRect();
             return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left,
                     height: r.height};
           });""",
        selector,
    )


def test_the_ticker_never_repeats_the_headline_being_read(browser, live_server, site):
    top = site[9]
    show(browser, live_server.url + "/en/")
    assert text(browser, ".ticker-link") == top.headline
    for article in (top, site[0], site[4]):
        show(browser, live_server.url + article.get_url())
        headline, ticker = text(browser, "h1"), text(browser, ".ticker-link")
        assert headline == article.headline
        assert ticker and ticker != headline


def test_landmarks_of_one_kind_have_names_of_their_own(browser, live_server, site):
    for url in ("/en/", site[3].get_url(), "/en/world/"):
        show(browser, live_server.url + url)
        names = browser.execute_script(
            # A header or footer inside main, an article or a section is no landmark.
            """return [...document.querySelectorAll('nav, aside, header, footer, main')]
                 .filter(el => !['HEADER', 'FOOTER'].includes(el.tagName) ||
                   !el.parentElement.closest('main, article, aside, nav, section'))
                 .map(el => el.tagName + ':' + (el.getAttribute('aria-label')
                   || (el.getAttribute('aria-labelledby') &&
                       document.getElementById(el.getAttribute('aria-labelledby')).innerText)
                   || ''));"""
        )
        assert len(names) == len(set(names)), f"{url}: {names}"
        assert sum(name.startswith("NAV:") for name in names) >= 3  # languages, two menus


def test_similar_news_shows_six_items(browser, live_server, site):
    for article in (site[0], site[5], site[9]):
        show(browser, live_server.url + article.get_url())
        titles = browser.execute_script(
            "return [...document.querySelectorAll('.similar .card-title')]"
            ".filter(el => el.getBoundingClientRect().height > 0).map(el => el.innerText)"
        )
        assert len(titles) == 6 and article.headline not in titles


def test_cards_in_a_row_line_up_with_or_without_a_picture(browser, live_server, site):
    show(browser, live_server.url + "/en/")
    for block in ("world", "sport"):
        media = boxes(browser, f"#cat-{block} + .grid .card-media")
        titles = boxes(browser, f"#cat-{block} + .grid .card-title")
        assert len(media) == len(titles) == 4  # a picture's place on every card
        assert len({round(m["height"]) for m in media}) == 1
        first_row = [t for t in titles if abs(t["top"] - titles[0]["top"]) < 1]
        assert len(first_row) == 4, f"{block}: titles start at {[t['top'] for t in titles]}"


def test_the_byline_and_time_stand_under_the_headline(browser, live_server, site):
    show(browser, live_server.url + site[2].get_url())
    (headline,) = boxes(browser, "h1")
    (byline,) = boxes(browser, ".article-byline")
    (lead,) = boxes(browser, ".lead")
    (body,) = boxes(browser, ".body")
    assert headline["bottom"] <= byline["top"] < lead["top"] < body["top"]
    assert byline["top"] - headline["bottom"] < 40  # with the headline, not apart from it
    line = text(browser, ".article-byline")
    assert "Staff reporter" in line and text(browser, ".article-byline time") in line
