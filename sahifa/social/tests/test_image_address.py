"""An article's og:image keeps one address for its life (`sahifa.social.pictures`),
which answers with the article's picture as it is now."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image

from sahifa.images import renditions
from sahifa.social.tests.conftest import meta, soup_of

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL


def og_image(client, article) -> str:
    return meta(soup_of(client.get(article.get_url())), "og:image")


def social_rendition_url(image) -> str:
    """Where the picture's social size itself lives (what og:image once pointed to)."""
    image.refresh_from_db()
    return renditions.sized(image, renditions.SOCIAL)[renditions.SOCIAL].url


def served(client, url: str):
    response = client.get(url.removeprefix(BASE))
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content)
    return response, Image.open(io.BytesIO(body))


@pytest.fixture
def pictured(make_article, make_image):
    return make_article("Harbour at dawn", image=make_image("Harbour", size=(1600, 900)))


def test_og_image_keeps_its_address_when_the_focal_point_moves(client, pictured):
    image = pictured.image
    address = og_image(client, pictured)
    assert address == f"{BASE}/social/articles/{pictured.pk}/image/"
    rendition_before = social_rendition_url(image)
    first, picture = served(client, address)
    assert picture.size == (1200, 630)

    image.focal_point_x, image.focal_point_y = 1400, 200
    image.focal_point_width, image.focal_point_height = 200, 200
    image.save()

    assert og_image(client, pictured) == address
    # The rendition itself moved to a new address: the one platforms were given did not.
    assert social_rendition_url(image) != rendition_before
    second, picture = served(client, address)
    assert picture.size == (1200, 630)
    assert second["ETag"] != first["ETag"]  # the new crop, at the same address


def test_og_image_keeps_its_address_when_the_picture_file_is_replaced(
    client, pictured, django_capture_on_commit_callbacks
):
    image = pictured.image
    address = og_image(client, pictured)
    old_rendition = social_rendition_url(image)
    assert client.get(old_rendition).status_code == 200

    # As the newsroom's image form does with a new file: the old renditions go.
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (200, 40, 40)).save(buffer, "JPEG")
    with django_capture_on_commit_callbacks(execute=True):  # their files go after commit
        image.renditions.all().delete()
    image.file = ImageFile(buffer, name="harbour-new.jpg")
    image.width, image.height = 2000, 1000
    image.save()

    assert client.get(old_rendition).status_code == 404
    assert og_image(client, pictured) == address
    _, picture = served(client, address)
    assert picture.size == (1200, 630)
    assert picture.getpixel((600, 315))[0] > 150  # the new, red picture


def test_the_image_address_answers_not_modified_to_a_platform_that_has_it(client, pictured):
    address = og_image(client, pictured).removeprefix(BASE)
    first = client.get(address)
    assert first["Cache-Control"] == "public, max-age=3600"
    again = client.get(address, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert client.head(address).status_code == 200
    assert client.post(address).status_code == 405


def test_an_article_without_picture_answers_with_its_category_card(client, make_article):
    article = make_article()
    address = og_image(client, article)
    assert address == f"{BASE}/social/articles/{article.pk}/image/"
    response, picture = served(client, address)
    assert response["Content-Type"] == "image/png"
    assert picture.format == "PNG" and picture.size == (1200, 630)


def test_a_picture_file_gone_from_storage_falls_back_to_the_card(client, pictured):
    address = og_image(client, pictured)
    rendition = renditions.sized(pictured.image, renditions.SOCIAL)[renditions.SOCIAL]
    rendition.file.storage.delete(rendition.file.name)
    response, picture = served(client, address)
    assert picture.format == "PNG" and picture.size == (1200, 630)


def test_only_published_articles_have_an_image(client, make_article):
    draft = make_article(live=False)
    assert client.get(f"/social/articles/{draft.pk}/image/").status_code == 404
    missing = client.get("/social/articles/999999/image/")
    assert missing.status_code == 404  # not a redirect to a language's address


def test_publishing_makes_the_pictures_social_sizes(
    make_article, make_image, admin_user, django_capture_on_commit_callbacks
):
    """A job that follows the change event makes them, not the first reader."""
    from sahifa.articles import actions
    from sahifa.images.models import NewsRendition
    from sahifa.social.pictures import ARTICLE_SIZES

    image = make_image("Bridge", size=(1600, 900))
    article = make_article("Bridge opens", image=image, live=False)
    revision = article.save_revision()
    assert not NewsRendition.objects.filter(image=image).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(revision, user=admin_user, via=actions.ADMIN)
    made = set(NewsRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(ARTICLE_SIZES)
