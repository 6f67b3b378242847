"""The page cache on Redis (REDIS_URL): kept, served, purged by a change."""

from __future__ import annotations

import uuid

import pytest

from conftest import REDIS_TEST_URL
from sahifa.articles import actions

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def on_redis(page_cache):
    """The default cache in Redis under a prefix of this test's own (never FLUSHDB:
    parallel workers share the database)."""
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    page_cache.CACHES = {
        "default": redis,
        "generations": {**redis, "TIMEOUT": None},  # the same server, as settings.caching
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield page_cache


def test_kept_and_purged_on_redis(
    on_redis, client, make_article, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"
    article = make_article("Kept in Redis")
    assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "miss"
    assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "hit"
    article.headline = "Changed in Redis"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    response = client.get(article.get_url())
    assert response.headers["X-Sahifa-Cache"] == "miss"
    assert b"Changed in Redis" in response.content
