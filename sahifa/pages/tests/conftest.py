"""Fixtures of the public-page tests: real pictures in the real media folder."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest


@pytest.fixture
def make_image(db) -> Callable[..., object]:
    """A stored NewsImage made from a real JPEG drawn with Pillow."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw

    from sahifa.images.models import NewsImage

    def make(
        title: str = "Picture",
        caption: str = "",
        credit: str = "",
        size: tuple[int, int] = (1600, 900),
        colour: tuple[int, int, int] = (40, 96, 160),
        **kw,
    ):
        picture = Image.new("RGB", size, colour)
        draw = ImageDraw.Draw(picture)
        w, h = size
        draw.rectangle((0, h * 2 // 3, w, h), fill=(60, 120, 70))
        draw.ellipse((w // 2, h // 6, w // 2 + h // 4, h // 6 + h // 4), fill=(250, 210, 90))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        image = NewsImage(
            title=title,
            caption=caption,
            credit=credit,
            file=ImageFile(buffer, name=f"{title[:20].replace(' ', '-').lower()}.jpg"),
            **kw,
        )
        image.save()
        return image

    return make
