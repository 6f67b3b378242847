"""Most read today and this week, per language, and the Today ticker's choice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sahifa.pages.context import top_story
from sahifa.popularity.models import DailyViews
from sahifa.popularity.selectors import most_read

pytestmark = pytest.mark.django_db


def views(article, count: int, days_ago: int = 0) -> None:
    DailyViews.objects.create(
        article=article, day=timezone.localdate() - timedelta(days=days_ago), views=count
    )


def test_most_read_today_ranks_todays_views_only(make_article):
    steady, viral, quiet = make_article(), make_article(), make_article()
    views(steady, 50, days_ago=1)
    views(steady, 5)
    views(viral, 30)
    views(quiet, 1)
    assert most_read("en", days=1) == [viral, steady, quiet]


def test_most_read_this_week_adds_seven_days(make_article):
    steady, viral, old = make_article(), make_article(), make_article()
    for day in range(7):
        views(steady, 10, days_ago=day)
    views(viral, 60)
    views(old, 500, days_ago=7)  # eight days ago: not this week
    assert most_read("en", days=7) == [steady, viral]


def test_most_read_is_per_language_and_only_published(make_article):
    english, russian = make_article(language="en"), make_article(language="ru")
    draft = make_article(language="en", live=False)
    views(english, 3)
    views(russian, 9)
    views(draft, 99)
    assert most_read("en") == [english]
    assert most_read("ru") == [russian]
    assert most_read("uz") == []


def test_ticker_shows_the_pinned_story_first(make_article):
    pinned = make_article(is_top_story=True, age=timedelta(hours=5))
    popular = make_article(age=timedelta(hours=3))
    make_article(age=timedelta(minutes=5))
    views(popular, 100)
    assert top_story("en") == pinned


def test_ticker_falls_back_to_the_most_read_of_the_day(make_article):
    popular = make_article(age=timedelta(hours=3))
    make_article(age=timedelta(minutes=5))
    yesterdays_hit = make_article(age=timedelta(hours=30))
    views(yesterdays_hit, 1000, days_ago=1)
    views(popular, 10)
    assert top_story("en") == popular
    assert top_story("ru") is None


def test_ticker_falls_back_to_the_newest_without_views_today(make_article):
    make_article(age=timedelta(hours=3))
    newest = make_article(age=timedelta(minutes=5))
    assert top_story("en") == newest


def test_pages_show_most_read_and_the_ticker(client, make_article):
    popular = make_article("Popular story of the day", age=timedelta(hours=3))
    weekly = make_article("Story of the week", age=timedelta(days=3))
    make_article("Newest story", age=timedelta(minutes=5))
    views(popular, 10)
    views(weekly, 40, days_ago=2)
    for url in ("/en/", popular.get_url()):
        html = client.get(url).content.decode()
        most_read_html = html[html.index('class="most-read"') :]
        assert "Popular story of the day" in most_read_html[: most_read_html.index("</ol>")]
        assert "Story of the week" in most_read_html
    html = client.get("/en/").content.decode()
    ticker = html[html.index("Today") :][:600]
    assert popular.get_url() in ticker
