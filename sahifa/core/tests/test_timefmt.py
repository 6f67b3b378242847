"""News times in four languages, and the midnight case with a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone, translation

from sahifa.core.tests.clock import browser_clock
from sahifa.core.timefmt import news_time, relative_words, seconds_until_local_midnight

TASHKENT = ZoneInfo("Asia/Tashkent")
STORY = datetime(2025, 8, 1, 23, 50, tzinfo=TASHKENT)  # ten minutes before midnight
WORDS = {
    "en": ("Today, 23:50", "Yesterday, 23:50"),
    "ru": ("Сегодня, 23:50", "Вчера, 23:50"),
    "uz": ("Bugun, 23:50", "Kecha, 23:50"),
    "uz-cyrl": ("Бугун, 23:50", "Кеча, 23:50"),
}

# Live-server tests commit for real; the database is emptied afterwards and the site's
# set-up (locales, home pages) runs again after the flush.
LIVE_DB = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", WORDS)
def test_today_yesterday_and_older_across_midnight(language):
    today, yesterday = WORDS[language]
    with translation.override(language):
        assert news_time(STORY, now=STORY + timedelta(minutes=9)) == today
        assert news_time(STORY, now=STORY + timedelta(minutes=10)) == yesterday  # 00:00
        assert news_time(STORY, now=STORY + timedelta(days=1, minutes=9)) == yesterday
        assert news_time(STORY, now=STORY + timedelta(days=1, minutes=10)) == "23:50, 1-08-2025"


def test_the_site_zone_decides_the_day_not_utc():
    story = datetime(2025, 8, 1, 19, 48, tzinfo=UTC)  # 00:48 on 2 August in Tashkent
    with translation.override("en"):
        assert news_time(story, now=datetime(2025, 8, 2, 10, 0, tzinfo=UTC)) == "Today, 00:48"
        assert news_time(story, now=datetime(2025, 8, 4, 0, 0, tzinfo=UTC)) == "00:48, 2-08-2025"


def test_cache_lifetime_ends_at_local_midnight():
    assert seconds_until_local_midnight(STORY) == 600
    assert seconds_until_local_midnight(STORY.replace(hour=0, minute=0)) == 86400


@pytest.mark.parametrize("language", WORDS)
def test_the_tag_carries_the_exact_moment_and_the_script_the_words(language):
    with translation.override(language):
        html = Template("{% load news %}{% news_time_tag when %}{% news_time_script %}").render(
            Context({"when": STORY})
        )
        words = relative_words()
    soup = BeautifulSoup(html, "html.parser")
    element = soup.select_one("time[data-news-time]")
    assert element["datetime"] == "2025-08-01T23:50+05:00"
    script = soup.select_one("script")
    assert script["src"].endswith("core/js/newstime.js")
    assert script["data-today"] == WORDS[language][0].replace("23:50", "{time}") == words["today"]
    assert script["data-yesterday"] == WORDS[language][1].replace("23:50", "{time}")
    assert script["data-zone"] == "Asia/Tashkent"


def test_no_time_no_element():
    template = Template("{% load news %}{% news_time_tag when %}")
    assert template.render(Context({"when": None})) == ""
    assert template.render(Context({})) == ""


@pytest.mark.browser
@pytest.mark.slow
@LIVE_DB
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_page_rendered_before_midnight_is_right_after_it(
    live_server, browser, make_article, language
):
    """The server says "Today"; the same HTML read after local midnight says "Yesterday",
    in the site's zone even when the reader's computer is in New York."""
    published = timezone.now() - timedelta(minutes=5)
    make_article("A story from late evening", language=language, published_at=published)
    local = timezone.localtime(published)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), TASHKENT)
    browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    with translation.override(language):
        cases = [
            (midnight + timedelta(minutes=5), news_time(published, midnight)),
            (
                midnight + timedelta(days=1, minutes=5),
                news_time(published, midnight + timedelta(days=1)),
            ),
        ]
    assert cases[0][1].startswith(WORDS[language][1][:4])  # "Yest" / "Вчер"
    for moment, expected in cases:
        script = browser.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": browser_clock(moment)}
        )
        browser.get(f"{live_server.url}/{language}/")
        shown = {
            e.get_attribute("textContent").strip()
            for e in browser.find_elements("css selector", "time[data-news-time]")
        }
        assert shown == {expected}
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]}
        )
