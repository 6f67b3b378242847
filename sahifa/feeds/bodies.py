"""Article bodies as a feed reader gets them: the stored rich text expanded (pictures in
their figures, links to pages and documents) with every address absolute, since a feed
is read away from the site.

All bodies of a feed are expanded in one pass: Wagtail fetches each kind of linked
object (pictures, pages, documents) once for the whole text, and the pictures' sizes are
read in one go beforehand, so a feed costs the same few queries whatever its articles
hold."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from sahifa.images import renditions

# Root-relative addresses in attributes (`href="/en/..."`, `src="/media/..."`), not
# protocol-relative ones (`//cdn...`).
_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""")
_EMBED = re.compile(r"<embed(\b[^>]*)/>")  # as Wagtail finds them


def absolute_bodies(bodies: Sequence[str]) -> list[str]:
    """Each stored body (rich text) as HTML for readers, addresses absolute."""
    if not bodies:
        return []
    # A break no body holds: the bodies are expanded as one text, then cut apart again.
    marker = f"<!--{uuid.uuid4().hex}-->"
    combined = marker.join(bodies)
    _fetch_picture_sizes(combined)
    expanded = expand_db_html(combined)
    return [absolute_addresses(part) for part in expanded.split(marker)]


def absolute_addresses(html: str) -> str:
    """``html`` with its root-relative links and pictures made absolute."""
    return _ROOT_RELATIVE.sub(rf"\g<1>{settings.SAHIFA_BASE_URL}/", html)


def _fetch_picture_sizes(html: str) -> None:
    """Read the sizes the body's pictures are shown in (one query for the pictures, one
    for sizes not yet in Wagtail's rendition cache), so expanding the text finds them
    in that cache instead of asking the database per picture."""
    wanted: dict[int, set[str]] = {}
    for match in _EMBED.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") != "image" or not attrs.get("id", "").isdigit():
            continue
        try:
            spec = get_image_format(attrs.get("format", "")).filter_spec
        except KeyError:  # a format no longer registered: Wagtail's expansion says so
            continue
        wanted.setdefault(int(attrs["id"]), set()).add(spec)
    if not wanted:
        return
    images = get_image_model().objects.filter(pk__in=list(wanted))
    renditions.attach((image, sorted(wanted[image.pk])) for image in images)
