"""`feed` names the feeds' routes: no new category or article may take it, and the
migration that reserved it moved the ones that had it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from sahifa.articles.models import Article, Category

pytestmark = pytest.mark.django_db


def test_a_category_cannot_be_called_feed(make_category):
    category = Category(locale=make_category().locale, name="Feed", slug="feed")
    with pytest.raises(ValidationError):
        category.clean()


def test_an_article_headed_feed_gets_another_slug(client, make_article, world):
    article = make_article("Feed", category=world)
    assert article.slug == "feed-2"
    assert client.get("/en/world/feed-2/").status_code == 200
    assert client.get("/en/world/feed/")["Content-Type"].startswith("application/rss+xml")


def test_the_migration_moves_what_was_called_feed(make_article, make_category):
    category = make_category("en", "feed", "Feed")  # made before the slug was reserved
    article = make_article("Story", category=category)
    Article.objects.filter(pk=article.pk).update(slug="feed")
    migration = importlib.import_module("sahifa.articles.migrations.0005_free_feed_slug")
    migration.free_feed_slug(apps, None)
    assert Category.objects.get(pk=category.pk).slug == "feed-2"
    assert Article.objects.get(pk=article.pk).slug == "feed-2"
