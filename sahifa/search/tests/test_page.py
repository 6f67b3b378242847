"""The reader's search page and suggestions, through the Django test client."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

BAD_INPUT = [
    '"unbalanced',
    "tariffs*",
    "NEAR(trade deal)",
    "trade AND OR NOT",
    "-trade",
    "headline: trade",
    "'; DROP TABLE articles_article; --",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "🚀 trade 🔥",
    "日本語 العربية",
    "%00\\x00",
    "trade" * 200,
]


def page(client, query: str, language: str = "en", **params) -> str:
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200, query
    return response.content.decode()


def test_results_show_headline_snippet_category_and_time_and_are_not_indexed(client, write):
    write("Elections in Kyrgyzstan", "Voters went to the polls on Sunday morning.")
    html = page(client, "elections voters")
    assert "<mark>Elections</mark> in Kyrgyzstan" in html
    assert "<mark>Voters</mark> went to the polls" in html
    assert "/en/world/" in html and "<time" in html
    assert '<meta name="robots" content="noindex' in html
    assert "1 result" in html


def test_every_page_has_a_search_box(client, write):
    article = write("Elections in Kyrgyzstan")
    for url in ("/en/", "/en/latest/", article.get_url(), "/ru/"):
        html = client.get(url).content.decode()
        form = re.search(
            r'<form class="search-box" role="search" method="get" action="([^"]+)"', html
        )
        assert form, url
        assert form.group(1) == f"/{url.split('/')[1]}/search/"
        assert '<label for="search-q"' in html and 'name="q"' in html


def test_did_you_mean_empty_state_and_filters(client, write, make_category):
    write("Parliament approves the budget")
    html = page(client, "parliment")
    assert "Did you mean" in html and "parliament" in html
    empty = page(client, "zebras")
    assert "Nothing was found" in empty and "/en/latest/" in empty
    sport = make_category("en", "sport")
    write("Cup final report", category=sport)
    write("Cup final tonight", age=timedelta(days=3))
    in_sport = page(client, "cup final", category="sport")
    assert "report</a>" in in_sport and "tonight</a>" not in in_sport
    today = page(client, "cup final", period="today")
    assert "report</a>" in today and "tonight</a>" not in today
    newest = page(client, "cup final", sort="newest")
    assert newest.index("report</a>") < newest.index("tonight</a>")


def test_news_words_other_lists_stop_are_found(client, write):
    write("Fire destroys a warehouse in Leeds", "Crews fought the blaze overnight.")
    write("Parliament passes the housing bill")
    assert "<mark>Fire</mark> destroys" in page(client, "fire")
    assert "housing <mark>bill</mark>" in page(client, "bill")


def test_a_stop_word_alone_gets_the_helpful_empty_state(client, write):
    write("The fire in Leeds")
    assert "Nothing was found" in page(client, "the")
    for language, query in (("en", "the"), ("ru", "и"), ("uz", "va"), ("uz-cyrl", "ва")):
        html = page(client, query, language=language)
        assert '<div class="empty">' in html and f"/{language}/latest/" in html, query


def test_numbered_pages(client, write, settings):
    settings.SAHIFA_PAGE_SIZE = 2
    for n in range(5):
        write(f"Storm update {n}", age=timedelta(hours=n + 1))
    first = page(client, "storm")
    assert "5 results" in first and 'aria-current="page">1<' in first
    assert "page=3" in first
    third = page(client, "storm", page="3")
    assert third.count('class="card card-row"') == 1
    assert page(client, "storm", page="99").count('class="card card-row"') == 1  # the last


def test_a_count_past_the_matches_read_says_more_than(client, write, monkeypatch):
    from sahifa.search import engine

    monkeypatch.setattr(engine, "CANDIDATES", 4)  # the depth read, small for the test
    for n in range(6):
        write(f"Storm update {n}", age=timedelta(hours=n + 1))
    assert "More than 4 results" in page(client, "storm")
    write("Flood warning")
    assert "1 result" in page(client, "flood") and "More than" not in page(client, "flood")


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_input_is_text(client, write, query):
    write("Trade deal signed", "Tariffs cut.")
    html = page(client, query)
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_long_query_is_cut(client, write):
    write("Trade deal signed")
    html = page(client, "trade " + "x" * 1000)
    shown = re.search(r'id="search-page-q" type="search" name="q" value="([^"]*)"', html)
    assert shown and len(shown.group(1)) == 300


def test_too_many_searches_get_429(client, write, settings, one_rate_window):
    settings.SAHIFA_SEARCH_RATE_PER_MINUTE = 3
    statuses = [client.get("/en/search/", {"q": "trade"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    other = client.get("/en/search/", {"q": "trade"}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_suggestions_complete_the_last_word(client, write):
    write("Parliament approves the budget", "Parliamentary debate on budgets.")
    write("Самарқандда янги кўприк", language="uz-cyrl")
    answer = client.get("/api/search/suggest/", {"q": "budget parl", "lang": "en"}).json()
    assert answer["suggestions"][:2] == ["budget parliament", "budget parliamentary"]
    uzbek = client.get("/api/search/suggest/", {"q": "samar", "lang": "uz-cyrl"}).json()
    assert uzbek["suggestions"] == ["самарқандда"]
    assert client.get("/api/search/suggest/", {"q": "p", "lang": "en"}).json()["suggestions"] == []
    assert client.get("/api/search/suggest/", {"q": "x", "lang": "xx"}).status_code == 400
