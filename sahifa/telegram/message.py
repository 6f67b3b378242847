"""What a post says and shows: the headline in bold, the lead and the link (HTML, as
Telegram's ``parse_mode=HTML`` reads it), and the article's social picture.

Telegram counts a caption's length (at most 1,024) and a message's (4,096) after
reading the HTML, in UTF-16 code units; the lead is cut at a word to fit, the link
always stays.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import mimetypes
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from sahifa.articles.models import Article
from sahifa.core.urls import absolute_url
from sahifa.images import renditions
from sahifa.telegram.client import Upload

log = logging.getLogger(__name__)

CAPTION_LIMIT = 1024
TEXT_LIMIT = 4096
ELLIPSIS = "…"
# A picture Telegram would refuse to take (10 MB for uploads): sent as text instead.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_SPACE = re.compile(r"\s+")
# Names that only this machine or its network can reach: Telegram cannot fetch from them.
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


@dataclass(frozen=True)
class Photo:
    """The picture of a post: a URL Telegram fetches, or the file itself."""

    url: str = ""
    upload: Upload | None = None


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _prefix(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` units (never half a character)."""
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > limit:
            return text[:index]
    return text


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` units, else cut at a word with an ellipsis."""
    if units(text) <= limit:
        return text
    if limit < 1:
        return ""
    cut = _prefix(text, limit - 1)
    inside_word = cut and not cut[-1].isspace() and not text[len(cut)].isspace()
    if inside_word and len(cut.split()) > 1:  # drop the cut word (unless it is the only one)
        cut = cut.rsplit(maxsplit=1)[0]
    return cut.rstrip(" \t\n,;:-–—") + ELLIPSIS


def compose(headline: str, lead: str, link: str, limit: int) -> str:
    """The post's HTML: the headline in bold, the lead, the link; at most ``limit`` units
    once Telegram has read the HTML."""
    headline = _SPACE.sub(" ", headline).strip()
    lead = lead.strip()
    separators = 2 * units("\n\n")
    headline = shorten(headline, limit - units(link) - separators)
    room = limit - units(headline) - units(link) - separators
    lead = shorten(lead, room) if room > 0 else ""
    parts = [f"<b>{html.escape(headline, quote=False)}</b>"] if headline else []
    if lead:
        parts.append(html.escape(lead, quote=False))
    parts.append(html.escape(link, quote=False))
    return "\n\n".join(parts)


def link_of(article: Article) -> str:
    return absolute_url(article.get_url())


def text_of(article: Article, with_photo: bool) -> str:
    """The post of ``article``: a caption when it goes with a picture, else a message."""
    limit = CAPTION_LIMIT if with_photo else TEXT_LIMIT
    return compose(article.card_title, article.lead, link_of(article), limit)


def is_public(url: str) -> bool:
    """Whether Telegram's servers could fetch ``url`` (not this machine, not a private
    network, not a name only the local network knows)."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    return "." in host and host != "localhost" and not host.endswith(_LOCAL_SUFFIXES)


def photo_of(article: Article, upload: bool = False) -> Photo | None:
    """The article's social picture (renditions.SOCIAL): its public URL, or the file when
    the site's address is not one Telegram can reach (or ``upload``). None without a
    (readable) picture."""
    if article.image is None:
        return None
    try:
        rendition = article.image.get_rendition(renditions.SOCIAL)
        url = rendition.url if "://" in rendition.url else absolute_url(rendition.url)
        if is_public(url) and not upload:
            return Photo(url=url)
        with rendition.file.open("rb") as file:
            data = file.read(MAX_UPLOAD_BYTES + 1)
    except Exception as exc:  # a missing or broken file: post the text rather than nothing
        log.warning("Article %s: picture %s not usable (%s)", article.pk, article.image_id, exc)
        return None
    if len(data) > MAX_UPLOAD_BYTES:
        log.warning("Article %s: picture %s is too large to upload", article.pk, article.image_id)
        return None
    name = PurePosixPath(rendition.file.name).name
    kind = mimetypes.guess_type(name)[0] or "image/jpeg"
    return Photo(upload=Upload(name, data, kind))
