"""The header widget on real pages, over HTTP, in every language; and in a real browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from sahifa.weather import service

pytestmark = pytest.mark.django_db

# Live-server tests commit for real; the database is emptied afterwards and the site's
# set-up (locales, home pages) runs again after the flush.
LIVE_DB = pytest.mark.django_db(transaction=True)


def widget(client, language: str = "en"):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("[data-weather]")


def shown_text(node) -> str:
    visible = node.select_one("[data-weather-city]:not([hidden])")
    for hidden in visible.select(".visually-hidden"):
        hidden.extract()
    return " ".join(visible.get_text(" ").split()).replace(" ,", ",")


@pytest.mark.parametrize(
    ("language", "text", "direction"),
    [
        ("en", "+10° overcast, wind 2.4 m/s, W", "west"),
        ("ru", "+10° пасмурно, ветер 2.4 м/с, З", "запад"),
        ("uz", "+10° bulutli, shamol 2.4 m/s, g\u02bbarb", "g\u02bbarb"),
        ("uz-cyrl", "+10° булутли, шамол 2.4 м/с, ғарб", "ғарб"),
    ],
)
def test_the_reference_reading_in_every_language(client, open_meteo, language, text, direction):
    open_meteo.answer(body=open_meteo.body(temperature_2m=10.2, wind_direction_10m=268))
    service.refresh()
    node = widget(client, language)
    assert shown_text(node) == text
    assert node.select_one("abbr")["title"] == direction
    assert node.select_one("[data-weather-select]") is None  # one city: nothing to choose


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "\u22123° thunderstorm with heavy hail, wind 12.1 m/s, NE"),
        ("ru", "\u22123° гроза с сильным градом, ветер 12.1 м/с, СВ"),
        ("uz", "\u22123° momaqaldiroq, kuchli do\u02bbl, shamol 12.1 m/s, shimoli-sharq"),
        ("uz-cyrl", "\u22123° момақалдироқ, кучли дўл, шамол 12.1 м/с, шимоли-шарқ"),
    ],
)
def test_below_zero_with_a_rare_code(client, open_meteo, language, text):
    open_meteo.answer(
        body=open_meteo.body(
            temperature_2m=-2.5, weather_code=99, wind_speed_10m=12.05, wind_direction_10m=40
        )
    )
    service.refresh()
    assert shown_text(widget(client, language)) == text


def test_no_reading_means_no_widget_and_a_whole_page(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"data-weather" not in response.content
    assert b'<div class="weather-slot"></div>' in response.content  # :empty hides it


def test_the_widget_shows_under_three_hours_and_hides_after(client, open_meteo):
    now = datetime.now(UTC)
    open_meteo.answer(body=open_meteo.body(now - timedelta(hours=2, minutes=44)))
    service.refresh()
    assert widget(client) is not None
    open_meteo.answer(status=500, body=b"")  # the service goes down: the old reading stays
    service.refresh()
    assert widget(client) is not None
    open_meteo.answer(body=open_meteo.body(now - timedelta(hours=3, minutes=15)))
    service.refresh()
    html = client.get("/en/").content
    assert b"data-weather" not in html
    assert b'class="ticker' in html or b"<main" in html  # the rest of the page is there


def test_expiry_is_written_for_the_browser(client, open_meteo):
    service.refresh()
    from sahifa.weather.models import Observation

    row = Observation.objects.get()
    item = widget(client).select_one("[data-weather-city]")
    assert datetime.fromisoformat(item["data-expires"]) == row.observed_at + timedelta(hours=3)


def test_a_broken_cities_setting_leaves_the_page_whole(client, open_meteo, settings, caplog):
    service.refresh()
    settings.SAHIFA_WEATHER_CITIES = "tashkent:999:0"
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"data-weather" not in response.content
    assert any("Weather widget left out" in r.getMessage() for r in caplog.records)


def test_several_cities_are_all_embedded_and_the_first_is_shown(client, open_meteo, settings):
    settings.SAHIFA_WEATHER_CITIES = "tashkent,samarkand,bukhara"
    open_meteo.queue(body=open_meteo.body(temperature_2m=4.0))
    open_meteo.queue(body=open_meteo.body(temperature_2m=7.0))
    open_meteo.queue(status=400, body={"error": True, "reason": "bad"})  # Bukhara fails
    service.refresh()
    node = widget(client, "ru")
    options = [(o["value"], o.get_text()) for o in node.select("option")]
    assert options == [("tashkent", "Ташкент"), ("samarkand", "Самарканд")]
    items = node.select("[data-weather-city]")
    assert [(i["data-weather-city"], i.has_attr("hidden")) for i in items] == [
        ("tashkent", False),
        ("samarkand", True),
    ]
    assert node.select_one("label")["hidden"] is not None  # the chooser needs the script


@pytest.mark.browser
@pytest.mark.slow
@LIVE_DB
def test_reader_picks_a_city_and_it_is_remembered(live_server, browser, open_meteo, settings):
    from selenium.webdriver.support.ui import Select

    settings.SAHIFA_WEATHER_CITIES = "tashkent,samarkand"
    open_meteo.queue(body=open_meteo.body(temperature_2m=4.0))
    open_meteo.queue(body=open_meteo.body(temperature_2m=7.0))
    service.refresh()
    browser.get(f"{live_server.url}/en/")

    def visible() -> list[str]:
        items = browser.find_elements("css selector", "[data-weather-city]")
        return [i.get_attribute("data-weather-city") for i in items if i.is_displayed()]

    select = Select(browser.find_element("css selector", "[data-weather-select]"))
    assert visible() == ["tashkent"]
    select.select_by_value("samarkand")
    assert visible() == ["samarkand"]
    browser.get(f"{live_server.url}/ru/")  # another page, another language: same choice
    assert visible() == ["samarkand"]
    assert "+7°" in browser.find_element("css selector", "[data-weather]").text


@pytest.mark.browser
@pytest.mark.slow
@LIVE_DB
def test_a_cached_page_hides_a_reading_that_has_expired(live_server, browser, open_meteo):
    open_meteo.answer(body=open_meteo.body(datetime.now(UTC) - timedelta(hours=2)))
    service.refresh()
    browser.get(f"{live_server.url}/en/")
    assert browser.find_element("css selector", "[data-weather]").is_displayed()
    # The same HTML, opened when the reading is older than 3 hours (a cache kept it).
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": clock_script(datetime.now(UTC) + timedelta(hours=1, minutes=30))},
    )
    browser.get(f"{live_server.url}/en/")
    assert not browser.find_element("css selector", "[data-weather]").is_displayed()


def clock_script(at: datetime) -> str:
    """Sets the page's clock (Date and Date.now) to ``at``, as if the reader read later."""
    from sahifa.core.tests.clock import browser_clock

    return browser_clock(at)


def test_a_page_reads_one_row_query_and_never_calls_the_service(client, open_meteo):
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    service.refresh()
    asked = len(open_meteo.requests)
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load weather %}{% weather_widget %}").render(Context())
    assert "data-weather" in html
    assert len(queries) == 1 and "weather_observation" in queries[0]["sql"]
    assert client.get("/en/").status_code == 200
    assert len(open_meteo.requests) == asked
