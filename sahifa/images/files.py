"""The pictures' original files as feeds and sitemaps name them: absolute address and
media type, from the stored file name alone (no query, no file read)."""

from __future__ import annotations

import mimetypes
from typing import cast

from django.db.models import FileField
from wagtail.images import get_image_model

from sahifa.core.urls import absolute_url


def original_url(name: str) -> str:
    """The absolute URL of a picture's original file, given its stored name."""
    field = cast(FileField, get_image_model()._meta.get_field("file"))
    url = field.storage.url(name)
    return url if "://" in url else absolute_url(url)


def media_type(name: str) -> str:
    """``image/jpeg`` and the like, from the file name."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
