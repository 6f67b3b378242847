"""Picture sizes for many pictures at once: Wagtail's rendition cache first, then one
query, and templates never query per picture."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahifa.images import renditions
from sahifa.images.models import NewsImage
from sahifa.pages.templatetags.pages_tags import rendition

pytestmark = pytest.mark.django_db


def fresh(images: list) -> list:
    """The same pictures as new objects, as a new request would have them."""
    return list(NewsImage.objects.filter(pk__in=[image.pk for image in images]).order_by("pk"))


def test_cached_sizes_cost_no_query_and_missing_ones_one(make_image):
    images = [make_image(f"Picture {n}", size=(640, 360)) for n in range(3)]
    made = {image.pk: image.get_rendition(renditions.CARD).file.name for image in images}
    cache.clear()

    # Nothing cached: one query for all three, which fills the cache.
    cold = fresh(images)
    with CaptureQueriesContext(connection) as queries:
        renditions.attach((image, [renditions.CARD, renditions.HERO]) for image in cold)
        shown = {image.pk: rendition(image, "card").file.name for image in cold}
    assert len(queries) == 1
    assert shown == made

    # Cached now: no query at all.
    warm = fresh(images)
    with CaptureQueriesContext(connection) as queries:
        renditions.attach((image, [renditions.CARD]) for image in warm)
        shown = {image.pk: rendition(image, "card").file.name for image in warm}
        # A rendition knows its picture (alt text, say) without asking the database.
        assert all(rendition(image, "card").image is image for image in warm)
    assert len(queries) == 0
    assert shown == made


def test_a_size_never_made_is_made_once(make_image):
    image = fresh([make_image("New", size=(640, 360))])[0]
    renditions.attach([(image, [renditions.HERO])])
    assert image.prefetched_renditions == []
    hero = rendition(image, "hero")
    assert (hero.width, hero.height) == (640, 360)  # never enlarged past the original

    again = fresh([image])[0]
    with CaptureQueriesContext(connection) as queries:
        renditions.attach([(again, [renditions.HERO])])
        assert rendition(again, "hero").file.name == hero.file.name
    assert len(queries) == 0


def test_a_moved_focal_point_is_not_served_from_the_old_crop(make_image):
    image = make_image("Crop", size=(1600, 900))
    old = image.get_rendition(renditions.CARD).file.name
    image.focal_point_x, image.focal_point_y = 100, 100
    image.focal_point_width, image.focal_point_height = 50, 50
    image.save()
    cache.clear()

    moved = fresh([image])[0]
    renditions.attach([(moved, [renditions.CARD])])
    assert rendition(moved, "card").file.name != old


def test_articles_sharing_a_picture_each_get_it(make_image, make_article):
    from sahifa.articles import selectors
    from sahifa.articles.models import Article

    picture = make_image("Shared", size=(640, 360))
    card = picture.get_rendition(renditions.CARD).file.name
    for n in range(2):
        make_article(f"Story {n}", image=picture)
    articles = list(Article.objects.select_related("image"))
    selectors.attach_renditions((articles, [renditions.CARD]))
    with CaptureQueriesContext(connection) as queries:
        assert [rendition(a.image, "card").file.name for a in articles] == [card, card]
    assert len(queries) == 0
