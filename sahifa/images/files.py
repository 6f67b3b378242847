"""The pictures' original files as feeds and sitemaps name them: absolute address and
media type, from the stored file name alone (no query, no file read)."""

from __future__ import annotations

import mimetypes
import re
from typing import cast
from urllib.parse import quote

from django.core.files.storage import FileSystemStorage
from django.db.models import FileField
from wagtail.images import get_image_model

from sahifa.core.urls import absolute_url

# Characters a stored name keeps in its URL (FileSystemStorage's filepath_to_uri).
_KEPT = re.compile(r"[A-Za-z0-9_.~/!*()'-]*").fullmatch


class OriginalUrls:
    """Callable: a stored file name -> the absolute URL of that original. Finds the
    storage once, for writers of many (a sitemap file)."""

    def __init__(self) -> None:
        self.storage = cast(FileField, get_image_model()._meta.get_field("file")).storage
        base = self.storage.base_url if isinstance(self.storage, FileSystemStorage) else ""
        # Files on this server: MEDIA_URL and the name, as FileSystemStorage.url makes it
        # (without its urljoin: a stored name has no "..").
        self.prefix = (base if "://" in base else absolute_url(base)) if base else ""

    def __call__(self, name: str) -> str:
        if self.prefix:
            return self.prefix + (name if _KEPT(name) else quote(name, safe="/~!*()'"))
        url = self.storage.url(name)
        return url if "://" in url else absolute_url(url)


def original_url(name: str) -> str:
    """The absolute URL of a picture's original file, given its stored name."""
    return OriginalUrls()(name)


def media_type(name: str) -> str:
    """``image/jpeg`` and the like, from the file name."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
