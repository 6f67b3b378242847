import html
import re
from datetime import datetime

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags

from sahifa.core.timefmt import exact_time, news_time, relative_words

register = template.Library()


@register.simple_tag
def news_time_tag(value: datetime | None) -> str:
    """A `<time>` element with the exact moment and the reader-facing words; the
    browser redoes the words from `datetime` (see `news_time_script`)."""
    if not isinstance(value, datetime):  # unpublished, or a missing variable
        return ""
    return format_html(
        '<time datetime="{}" data-news-time>{}</time>', exact_time(value), news_time(value)
    )


@register.simple_tag
def news_time_script() -> str:
    """The script that keeps "Today"/"Yesterday" true on cached pages, with the
    active language's words."""
    words = relative_words()
    return format_html(
        '<script src="{}" data-today="{}" data-yesterday="{}" data-zone="{}" defer></script>',
        static("core/js/newstime.js"),
        words["today"],
        words["yesterday"],
        words["zone"],
    )


BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|figcaption)>|<br\s*/?>", re.IGNORECASE)


@register.filter
def snippet(text: str, limit: int = 200) -> str:
    """Plain text of ``text`` (HTML allowed) in at most ``limit`` characters, cut at a
    word boundary and ending with an ellipsis when cut."""
    text = BLOCK_END.sub(" ", text or "")  # paragraphs must not run into each other
    return cut(html.unescape(strip_tags(text)), limit)


def cut(text: str, limit: int) -> str:
    """Plain ``text`` in at most ``limit`` characters, cut at a word boundary and
    ending with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    # The ellipsis takes one character; a space just past the cut still makes it whole.
    head = text[:limit]
    kept = head.rsplit(" ", 1)[0] if " " in head else head[: limit - 1]
    return kept.rstrip(" ,.;:-–—") + "…"
