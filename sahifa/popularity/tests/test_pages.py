"""What the pages show: the counter with its beacon, Most read, in every language."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from sahifa.popularity.models import DailyViews

pytestmark = pytest.mark.django_db


def test_article_page_shows_the_total_and_sends_the_beacon(client, make_article):
    article = make_article(view_count=56)
    html = client.get(article.get_url()).content.decode()
    counter = html[html.index('class="views-count"') :][:400]
    assert f'data-view-beacon="/api/views/{article.pk}/"' in counter
    assert ">56</span>" in counter
    assert "min-width:4ch" in counter  # room for 9999 before anything moves
    assert "/static/popularity/beacon" in html and "defer" in html


def test_preview_and_unsaved_articles_send_no_beacon(make_article):
    article = make_article(view_count=7)
    template = Template("{% load popularity %}{% view_counter article %}")
    preview = SimpleNamespace(is_preview=True)
    html = template.render(Context({"article": article, "request": preview}))
    assert ">7</span>" in html and "data-view-beacon" not in html and "<script" not in html
    draft = make_article(live=False)
    html = template.render(Context({"article": draft}))
    assert "data-view-beacon" not in html


@pytest.mark.parametrize(
    "language,heading,week",
    [
        ("uz", "Eng koʻp oʻqilgan", "Shu hafta"),
        ("uz-cyrl", "Энг кўп ўқилган", "Шу ҳафта"),
        ("ru", "Самое читаемое", "За неделю"),
        ("en", "Most read", "This week"),
    ],
)
def test_most_read_is_translated(client, make_article, language, heading, week):
    article = make_article(language=language)
    DailyViews.objects.create(article=article, day=article.published_at.date(), views=3)
    html = client.get(f"/{language}/").content.decode()
    assert heading in html and week in html
    assert article.get_url() in html[html.index("most-read") :]


def test_the_beacon_answers_in_the_readers_language(client, make_article):
    response = client.post(
        "/api/views/999999/",
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 404
    assert response.json()["error"] == "Нет опубликованной статьи с номером 999999."


def test_pages_without_views_show_no_most_read(client, make_article):
    make_article()
    assert "most-read" not in client.get("/en/").content.decode()
