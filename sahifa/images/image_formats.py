"""How pictures inside an article body are written out: a <figure> with the picture's
caption and credit under it, instead of Wagtail's bare <img>. Wagtail imports this
module by name; the format names stay Wagtail's own so stored bodies keep working."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _
from wagtail.images.formats import (
    FORMATS_BY_NAME,
    Format,
    register_image_format,
    unregister_image_format,
)
from wagtail.images.shortcuts import get_rendition_or_not_found

from sahifa.images.renditions import BODY_FULL, BODY_SIDE


class FigureFormat(Format):
    """A picture in a <figure>, captioned from the image's own caption and credit."""

    def image_to_html(
        self, image: Any, alt_text: str, extra_attributes: dict[str, Any] | None = None
    ) -> str:
        attributes = dict(extra_attributes or {})
        if "data-embedtype" in attributes:
            # Inside the editor Draftail wants the plain <img> it knows.
            return super().image_to_html(image, alt_text, attributes)
        rendition = get_rendition_or_not_found(image, self.filter_spec)
        attributes.update(alt=escape(alt_text), loading="lazy", decoding="async")
        img = rendition.img_tag(attributes)
        return format_html(
            '<figure class="{}">{}{}</figure>', self.classname, img, _figcaption(image)
        )


def _figcaption(image: Any) -> str:
    caption = getattr(image, "caption", "")
    credit = getattr(image, "credit", "")
    if not (caption or credit):
        return ""
    credit_html = format_html(' <span class="credit">{}</span>', credit) if credit else ""
    return format_html("<figcaption>{}{}</figcaption>", caption, credit_html)


FIGURE_FORMATS = [
    FigureFormat("fullwidth", _("Full width"), "figure figure-full", BODY_FULL),
    FigureFormat("left", _("Beside the text, left"), "figure figure-left", BODY_SIDE),
    FigureFormat("right", _("Beside the text, right"), "figure figure-right", BODY_SIDE),
]

for _format in FIGURE_FORMATS:
    if _format.name in FORMATS_BY_NAME:
        unregister_image_format(_format.name)
    register_image_format(_format)
