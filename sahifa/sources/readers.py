"""Feed bytes to plain entries: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.x
and ninjs JSON Lines (our own small readers). No database, no network.

A feed that cannot be read at all raises `Unreadable` with a reason for the source's
health; a feed that can be read in part gives its good entries and a note for each
problem (malformed or truncated XML, a wrong declared encoding, a bad JSON line).
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
from charset_normalizer import from_bytes
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

# What a parse error of a feed that stops early says (expat's words).
TRUNCATED = ("no element found", "unclosed token", "unexpected end")
_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding=)([\"'])[A-Za-z0-9._-]+\2", re.I)


class Unreadable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Entry:
    """One item of a feed, as the feed gave it (HTML not yet cleaned)."""

    guid: str = ""
    link: str = ""
    title: str = ""
    summary_html: str = ""
    content_html: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    author: str = ""
    picture: str = ""
    language: str = ""
    # A ninjs line keeps its own object (the importer reads it).
    ninjs: dict[str, Any] | None = None


@dataclass
class Reading:
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    language: str = ""  # the feed's own language tag, if it names one


# --- Text ---------------------------------------------------------------------------
def decode(content: bytes, declared: str | None, notes: list[str]) -> str:
    """The text of ``content`` in its declared encoding, else the detected one (with a
    note: many feeds declare UTF-8 and send windows-1251)."""
    encoding = declared or "utf-8"
    try:
        return content.decode(encoding.removeprefix("x-").lower().replace("utf8", "utf-8"))
    except (UnicodeDecodeError, LookupError):
        pass
    best = from_bytes(content[:200_000]).best()
    if best is None:
        raise Unreadable(_("the feed is not text in any known encoding"))
    notes.append(
        _("the feed says it is %(declared)s but is %(found)s; read as %(found)s")
        % {"declared": encoding, "found": best.encoding}
    )
    return content.decode(best.encoding, errors="replace")


def charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


# --- RSS and Atom ------------------------------------------------------------------------
def read_xml_feed(content: bytes, content_type: str = "") -> Reading:
    reading = Reading()
    content = _utf8_xml(content, content_type, reading.notes)
    parsed = feedparser.parse(
        content,
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,  # our own cleaning follows (the body editor's rules)
        resolve_relative_uris=True,
    )
    entries = list(parsed.entries)
    if parsed.bozo:
        problem = str(parsed.get("bozo_exception", "")) or type(parsed.bozo_exception).__name__
        if not parsed.version and not entries:
            raise Unreadable(_("not an RSS or Atom feed: %(error)s") % {"error": problem})
        if any(word in problem for word in TRUNCATED):
            # The last item may be cut off in the middle: leave it out.
            entries = entries[:-1]
            reading.notes.append(
                _("the feed is cut off (%(error)s); the last item was left out")
                % {"error": problem}
            )
        else:
            reading.notes.append(
                _("the feed is not well-formed XML (%(error)s); read what could be read")
                % {"error": problem}
            )
    elif not parsed.version:
        raise Unreadable(_("not an RSS or Atom feed"))
    reading.language = str(parsed.feed.get("language", ""))
    reading.entries = [_xml_entry(e) for e in entries]
    return reading


def _utf8_xml(content: bytes, content_type: str, notes: list[str]) -> bytes:
    """The feed re-encoded as UTF-8 (declared encoding, else detected), its XML
    declaration saying so; feedparser then never guesses."""
    content = content.removeprefix(b"\xef\xbb\xbf")
    match = re.match(rb"\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)", content)
    declared = match.group(1).decode() if match else charset(content_type)
    text = decode(content, declared, notes)
    return _DECLARATION.sub(rb"\1\2utf-8\2", text.encode("utf-8"), count=1)


def _xml_entry(item: Any) -> Entry:
    content = item.get("content") or []
    html_parts = [c.get("value", "") for c in content if "html" in c.get("type", "html")]
    return Entry(
        guid=str(item.get("id", "")).strip(),
        link=str(item.get("link", "")).strip(),
        title=str(item.get("title", "")).strip(),
        summary_html=str(item.get("summary", "")),
        content_html="".join(html_parts) or "".join(c.get("value", "") for c in content),
        published=_struct_time(item.get("published_parsed")),
        # The plain dict's own key: feedparser's lookup would fall back to the published date.
        updated=_struct_time(dict.get(item, "updated_parsed")),
        author=str(item.get("author", "")).strip(),
        picture=_xml_picture(item),
        language=str((item.get("title_detail") or {}).get("language") or ""),
    )


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _xml_picture(item: Any) -> str:
    """media:content, then media:thumbnail, then an image enclosure."""
    for media in item.get("media_content") or []:
        kind = media.get("medium") or media.get("type", "image/")
        if media.get("url") and kind.startswith("image"):
            return str(media["url"])
    for thumb in item.get("media_thumbnail") or []:
        if thumb.get("url"):
            return str(thumb["url"])
    for link in item.get("links") or []:
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return str(link.get("href", ""))
    return ""


# --- JSON Feed 1.x --------------------------------------------------------------------
def read_json_feed(content: bytes, content_type: str = "") -> Reading:
    reading = Reading()
    text = decode(content.removeprefix(b"\xef\xbb\xbf"), charset(content_type), reading.notes)
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(
            _("not JSON: %(error)s (line %(line)d)") % {"error": exc.msg, "line": exc.lineno}
        ) from None
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(
        "https://jsonfeed.org/version/1"
    ):
        raise Unreadable(_("not a JSON Feed (no jsonfeed.org version)"))
    items = feed.get("items")
    if not isinstance(items, list):
        raise Unreadable(_("the JSON Feed has no list of items"))
    reading.language = str(feed.get("language", ""))
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            reading.entries.append(_json_entry(item))
        else:
            reading.notes.append(_("item %(n)d is not an object") % {"n": number})
    return reading


def _json_entry(item: dict[str, Any]) -> Entry:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    names = [a.get("name", "") for a in authors if isinstance(a, dict)]
    return Entry(
        guid=_str(item.get("id")),
        link=_str(item.get("url")) or _str(item.get("external_url")),
        title=_str(item.get("title")),
        summary_html=_str(item.get("summary")),
        content_html=_str(item.get("content_html")) or _paragraphs(_str(item.get("content_text"))),
        published=_iso(item.get("date_published")),
        updated=_iso(item.get("date_modified")),
        author=", ".join(n for n in names if isinstance(n, str) and n),
        picture=_str(item.get("image")) or _str(item.get("banner_image")),
        language=_str(item.get("language")),
    )


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _paragraphs(text: str) -> str:
    from html import escape

    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# --- ninjs JSON Lines ------------------------------------------------------------------
def read_ninjs_lines(content: bytes, content_type: str = "") -> Reading:
    """Each line one ninjs object; a bad line is a note and the others go on."""
    reading = Reading()
    text = decode(content.removeprefix(b"\xef\xbb\xbf"), charset(content_type), reading.notes)
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            cut = number == len(lines) and not text.endswith("\n")
            reason = _("cut off") if cut else exc.msg
            reading.notes.append(
                _("line %(n)d is not JSON (%(error)s)") % {"n": number, "error": reason}
            )
            continue
        if not isinstance(item, dict):
            reading.notes.append(_("line %(n)d is not a JSON object") % {"n": number})
            continue
        reading.entries.append(_ninjs_entry(item))
    if not reading.entries and reading.notes and len(reading.notes) == len(lines):
        raise Unreadable(_("not ninjs JSON Lines: no line could be read"))
    return reading


def _ninjs_entry(item: dict[str, Any]) -> Entry:
    return Entry(
        guid=_str(item.get("uri")),
        link=_str(item.get("x_sahifa_source_url")),
        title=_str(item.get("headline")),
        published=_iso(item.get("firstcreated")),
        updated=_iso(item.get("versioncreated")),
        language=_str(item.get("language")),
        ninjs=item,
    )


READERS = {"feed": read_xml_feed, "json": read_json_feed, "ninjs": read_ninjs_lines}


def read(kind: str, content: bytes, content_type: str = "") -> Reading:
    """Read a feed of ``kind`` (`models.Kind`); an empty answer is `Unreadable`."""
    if not content.strip():
        raise Unreadable(_("the feed is empty"))
    if kind == "feed" and content.lstrip().startswith(b"{"):
        kind = "json"  # a JSON Feed added as RSS or Atom
    return READERS[kind](content, content_type)
