"""How many pixels a picture may have. Decoding a picture takes memory in proportion to
its pixels (a 13000 x 12900 PNG took 1.8 GB and 5.7 s of a web worker), so pictures over
the limit are refused where they come in (the newsroom's upload, the importer), read from
the file's header before anything is decoded."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

DEFAULT_MAX_PIXELS = 64_000_000


class TooManyPixels(ValueError):
    pass


def max_pixels() -> int:
    return int(getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS))


def too_many_pixels_message(width: int | None = None, height: int | None = None) -> str:
    limit = _("%(n)s megapixels") % {"n": f"{max_pixels() / 1e6:g}"}
    if width and height:
        return _("the picture is %(width)d × %(height)d pixels, more than %(limit)s") % {
            "width": width,
            "height": height,
            "limit": limit,
        }
    return _("the picture has more than %(limit)s") % {"limit": limit}


def check_pixels(width: int, height: int, frames: int = 1) -> None:
    """`TooManyPixels` when all frames together have more pixels than allowed."""
    if width * height * max(frames, 1) > max_pixels():
        raise TooManyPixels(too_many_pixels_message(width, height))


def opened(file: IO[bytes]) -> Image.Image:
    """The picture opened (its header read, nothing decoded) and checked for its pixels.
    Pillow's own guard refuses far larger pictures as an error of its own; both are
    `TooManyPixels` here."""
    try:
        image = Image.open(file)
    except Image.DecompressionBombError:
        raise TooManyPixels(too_many_pixels_message()) from None
    check_pixels(image.width, image.height, getattr(image, "n_frames", 1))
    return image
