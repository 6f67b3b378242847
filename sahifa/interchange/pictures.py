"""Pictures named by ninjs associations: fetched (http(s) through `sahifa.core.outbound`,
or a file path or a file: URL inside the import file's folder), checked to be a real
image within the pixel limit, stored as a `NewsImage`.

Fetching happens before the line's transaction opens, so a slow server never holds
the database; a picture that cannot be had is the caller's warning, never a crash.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from sahifa.core import outbound
from sahifa.images import pixels
from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import IMAGE_URN, PictureRef

# Formats Wagtail can make renditions of.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


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
    """The bytes of the picture at ``href``, checked to be an image, or `PictureError`.
    Files are read only inside ``base_dir``."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        content = _download(href)
    elif parts.scheme == "file":
        content = _read_file(base_dir, unquote(parts.path))
    elif parts.scheme == "" or len(parts.scheme) == 1:  # a path (or a Windows drive)
        content = _read_file(base_dir, href)
    else:
        raise PictureError(_("unsupported link %(href)r") % {"href": href})
    extension = _image_extension(content)
    stem = PurePosixPath(unquote(parts.path)).stem or "picture"
    return FetchedPicture(content=content, filename=f"{stem[:60]}.{extension}")


def _download(url: str) -> bytes:
    try:
        answer = outbound.fetch(url, deadline=timeout(), max_bytes=max_bytes())
    except outbound.FetchError as exc:
        raise PictureError(str(exc)) from None
    if answer.status != 200:
        raise PictureError(_("HTTP %(status)d") % {"status": answer.status})
    if not answer.content_type.startswith("image/"):
        raise PictureError(
            _("not an image (Content-Type %(type)r)") % {"type": answer.content_type}
        )
    return answer.content


def _inside(base_dir: Path, name: str) -> Path:
    """``name`` under ``base_dir``; an absolute path, ``..`` or a link that leads out of
    it is refused (an import names pictures beside it, never the machine's other files)."""
    root = base_dir.resolve()
    path = (root / name).resolve()  # an absolute name replaces the root
    if not path.is_relative_to(root):
        raise PictureError(_("%(path)s is outside the import's folder") % {"path": name[:200]})
    return path


def _read_file(base_dir: Path, name: str) -> bytes:
    path = _inside(base_dir, name)
    try:
        if path.stat().st_size > max_bytes():
            raise _too_big()
        return path.read_bytes()
    except OSError as exc:
        raise PictureError(
            _("cannot read %(path)s: %(error)s") % {"path": name, "error": exc.strerror}
        ) from None


def _too_big() -> PictureError:
    return PictureError(outbound.too_big(max_bytes()).message)


def _image_extension(content: bytes) -> str:
    """Pillow must read the bytes as an image of a format Wagtail handles, with no more
    pixels than allowed (checked from the header, before anything is decoded)."""
    try:
        with pixels.opened(io.BytesIO(content)) as image:
            image.verify()
            kind = image.format
    except pixels.TooManyPixels as exc:
        raise PictureError(str(exc)) from None
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
