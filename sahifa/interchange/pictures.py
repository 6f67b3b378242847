"""Pictures named by ninjs associations: fetched (http(s), a file path or a file: URL
relative to the import file), checked to be a real image, stored as a `NewsImage`.

Fetching happens before the line's transaction opens, so a slow server never holds
the database; a picture that cannot be had is the caller's warning, never a crash.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image

from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import IMAGE_URN, PictureRef

# Formats Wagtail can make renditions of.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
CHUNK = 64 * 1024


class PictureError(Exception):
    pass


@dataclass
class FetchedPicture:
    content: bytes
    filename: str


def max_bytes() -> int:
    return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def timeout() -> float:
    """Seconds allowed for one picture, connecting and reading together."""
    return float(getattr(settings, "SAHIFA_IMPORT_PICTURE_TIMEOUT", 5))


def fetch_picture(href: str, base_dir: Path) -> FetchedPicture:
    """The bytes of the picture at ``href``, checked to be an image, or `PictureError`."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        content = _download(href)
    elif parts.scheme == "file":
        content = _read_file(base_dir / unquote(parts.path))
    elif parts.scheme == "" or len(parts.scheme) == 1:  # a path (or a Windows drive)
        content = _read_file(base_dir / href)
    else:
        raise PictureError(_("unsupported link %(href)r") % {"href": href})
    extension = _image_extension(content)
    stem = PurePosixPath(unquote(parts.path)).stem or "picture"
    return FetchedPicture(content=content, filename=f"{stem[:60]}.{extension}")


def _download(url: str) -> bytes:
    deadline = time.monotonic() + timeout()
    try:
        with requests.get(url, stream=True, timeout=timeout(), allow_redirects=True) as response:
            if response.status_code != 200:
                raise PictureError(_("HTTP %(status)d") % {"status": response.status_code})
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if not kind.startswith("image/"):
                raise PictureError(_("not an image (Content-Type %(type)r)") % {"type": kind})
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes():
                raise _too_big()
            data = bytearray()
            for chunk in response.iter_content(CHUNK):
                data += chunk
                if len(data) > max_bytes():
                    raise _too_big()
                if time.monotonic() > deadline:
                    raise PictureError(_("took longer than %(s)g s") % {"s": timeout()})
            return bytes(data)
    except requests.Timeout:
        raise PictureError(_("no answer within %(s)g s") % {"s": timeout()}) from None
    except requests.RequestException as exc:
        raise PictureError(
            _("could not fetch: %(error)s") % {"error": type(exc).__name__}
        ) from None


def _read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > max_bytes():
            raise _too_big()
        return path.read_bytes()
    except OSError as exc:
        raise PictureError(
            _("cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
        ) from None


def _too_big() -> PictureError:
    return PictureError(_("larger than %(mb)d MB") % {"mb": max_bytes() // (1024 * 1024)})


def _image_extension(content: bytes) -> str:
    """Pillow must read the bytes as an image of a format Wagtail handles."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            kind = image.format
    except Exception:  # Pillow raises many types for bad data; all mean "not an image".
        raise PictureError(_("not an image")) from None
    if kind not in IMAGE_FORMATS:
        raise PictureError(_("unsupported image format %(format)s") % {"format": kind})
    return IMAGE_FORMATS[kind]


def find_picture(ref: PictureRef) -> NewsImage | None:
    """A picture imported before under the same identity, or (for pictures an export
    named by their content hash) the same file uploaded in the newsroom."""
    images = NewsImage.objects.order_by("pk")
    found = images.filter(source_uri=ref.uri).first()
    if found is None and ref.uri.startswith(IMAGE_URN):
        found = images.filter(file_hash=ref.uri.removeprefix(IMAGE_URN)).first()
    return found


def store_picture(ref: PictureRef, fetched: FetchedPicture) -> NewsImage:
    """Save the picture (inside the caller's transaction; the caller removes the file
    if that transaction rolls back)."""
    image = NewsImage(
        title=(ref.title or fetched.filename)[:255],
        caption=ref.caption,
        credit=ref.credit,
        source_uri=ref.uri,
        file=ContentFile(fetched.content, name=fetched.filename),
    )
    image._set_image_file_metadata()
    image.save()
    return image
