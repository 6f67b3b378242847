from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from sahifa.core.timefmt import news_time

register = template.Library()


@register.simple_tag
def news_time_tag(value: datetime | None) -> str:
    """A `<time>` element with the exact moment and the reader-facing words."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        timezone.localtime(value).isoformat(timespec="minutes"),
        news_time(value),
    )


@register.filter
def snippet(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters, cut at a word boundary, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–—") + "…"
