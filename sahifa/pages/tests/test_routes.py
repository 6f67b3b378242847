"""Stable article URLs: what is found, what is not, and what redirects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_article_url_is_language_category_slug(make_article, make_category):
    article = make_article("Ўзбекистон янгиликлари", language="uz-cyrl")
    assert article.get_url() == "/uz-cyrl/world/uzbekiston-yangiliklari/"


@pytest.mark.parametrize(
    "path",
    [
        "/en/no-such-category/",
        "/en/no-such-category/page/2/",
        "/en/world/no-such-article/",
        "/en/no-such-category/no-such-article/",
    ],
)
def test_unknown_category_or_article_is_404(client, make_article, path):
    make_article("Known story")
    assert client.get(path).status_code == 404


def test_unpublished_article_is_404(client, make_article):
    draft = make_article("A draft", live=False)
    assert client.get(draft.get_url()).status_code == 404


def test_expired_articles_are_404(client, make_article):
    flagged = make_article("Flagged expired", expired=True)
    past = make_article("Past its end", expire_at=timezone.now() - timedelta(minutes=1))
    future = make_article("Still on", expire_at=timezone.now() + timedelta(days=1))
    assert client.get(flagged.get_url()).status_code == 404
    assert client.get(past.get_url()).status_code == 404
    assert client.get(future.get_url()).status_code == 200


def test_article_of_another_language_is_404(client, make_article, make_category):
    make_category("ru", "world", "Мир")
    russian = make_article("Новости дня", language="ru")
    assert client.get(russian.get_url()).status_code == 200
    assert client.get(russian.get_url().replace("/ru/", "/en/", 1)).status_code == 404


def test_headline_edit_keeps_the_url(client, make_article):
    article = make_article("First headline")
    url = article.get_url()
    article.headline = "A corrected headline"
    article.save()
    article.refresh_from_db()
    assert article.get_url() == url
    response = client.get(url)
    assert response.status_code == 200
    assert "A corrected headline" in response.content.decode()


def test_former_slug_redirects_permanently(client, make_article):
    article = make_article("Old wording")
    old_url = article.get_url()
    article.slug = "new-wording"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/en/world/new-wording/"
    assert client.get(response["Location"]).status_code == 200


def test_wrong_category_redirects_to_the_canonical_url(client, make_article, make_category):
    make_category("en", "sport", "Sport")
    article = make_article("Filed under world")
    response = client.get(f"/en/sport/{article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_url()


def test_former_slug_of_an_unpublished_article_is_404(client, make_article):
    article = make_article("Soon withdrawn")
    old_url = article.get_url()
    article.slug = "withdrawn"
    article.live = False
    article.save()
    assert client.get(old_url).status_code == 404


def test_url_without_trailing_slash_redirects(client, make_article):
    article = make_article("Slash")
    response = client.get(article.get_url().rstrip("/"))
    assert response.status_code == 301
    assert response["Location"] == article.get_url()
