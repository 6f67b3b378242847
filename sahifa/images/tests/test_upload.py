"""The newsroom's picture upload refuses pictures over the pixel limit with a message,
however many pixels they claim (Pillow's own guard must not turn into a server error)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from sahifa.images import pixels
from sahifa.images.models import NewsImage
from sahifa.interchange.tests.conftest import jpeg_bytes
from sahifa.interchange.tests.test_hostile_pictures import png_header

pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes):
    picture = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(
        reverse("wagtailimages:add"), {"title": "A picture", "file": picture, "collection": 1}
    )


@pytest.mark.parametrize(
    "width, height, sizes_named",
    [(20_000, 20_000, False), (9_000, 8_000, True)],
)
def test_a_picture_over_the_pixel_limit_is_refused_with_a_message(
    admin_client, settings, width, height, sizes_named
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
    response = upload(admin_client, "bomb.png", png_header(width, height))
    assert response.status_code == 200  # the form again, with the reason
    with translation.override(response["Content-Language"]):  # the admin's language
        named = (width, height) if sizes_named else ()
        message = pixels.too_many_pixels_message(*named)
    assert message in response.content.decode()
    assert not NewsImage.objects.exists()


def test_a_picture_within_the_limit_is_uploaded(admin_client):
    picture = SimpleUploadedFile("fine.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Fine", "file": picture, "collection": 1}
    )
    assert response.status_code == 302
    assert NewsImage.objects.get().width == 64
