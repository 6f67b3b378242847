"""A feed entry to the ninjs object the importer writes an article from, with the
checks of the issue's bad input: hostile HTML cleaned, links that are not http(s)
dropped, items without a date given the time they were seen, future dates brought back
to now, the language detected or checked against the text. No database writes."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3
from django.utils import timezone
from django.utils.translation import gettext as _

from sahifa.articles.models import Category
from sahifa.articles.richtext import sanitize_body_html
from sahifa.articles.slugs import slug_from_text
from sahifa.interchange import ninjs
from sahifa.interchange.languages import language_from_tag, tag_for_language
from sahifa.sources import language as languages
from sahifa.sources.models import DETECT, Source
from sahifa.sources.readers import Entry

HEADLINE_MAX = 300
LEAD_MAX = 1000
# A summary longer than this (in letters) is the body too when the feed has no content.
SUMMARY_AS_BODY = 400
# Clocks differ: a date up to this far ahead is not called "in the future".
CLOCK_SLACK = timedelta(minutes=5)


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Candidate:
    """An entry ready to be taken: its identity, what the list shows, the ninjs object."""

    key: str
    guid: str
    link: str
    headline: str
    language: str
    published_at: datetime
    payload: dict[str, Any]
    text: str  # headline, lead and body as plain text (duplicates, language)
    notes: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return str(self.payload.get("body_html", ""))


def item_key(entry: Entry) -> str:
    """The entry's identity in its feed: its guid, else its link, else its text."""
    identity = entry.guid or entry.link or f"{entry.title}\n{entry.summary_html}"
    return hashlib.sha1(identity.encode("utf-8", "replace")).hexdigest()


def item_uri(source: Source, key: str) -> str:
    return f"urn:sahifa:source:{source.pk}:{key}"


def plain(markup: str) -> str:
    text = html.unescape(nh3.clean(markup or "", tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def http_link(value: str, base: str) -> str:
    link = urljoin(base, value.strip()) if value.strip() else ""
    parts = urlsplit(link)
    return link if parts.scheme in ("http", "https") and parts.hostname else ""


def prepare(source: Source, entry: Entry, feed_url: str, feed_language: str = "") -> Candidate:
    """The candidate of ``entry``, or `Refused` with the reason."""
    notes: list[str] = []
    name = entry.title or entry.link or entry.guid
    link = http_link(entry.link, feed_url)
    if entry.link and not link:
        notes.append(_("%(item)s: its link is not http(s) and was left out") % {"item": name})
    if entry.ninjs is not None:
        payload = _ninjs_payload(entry.ninjs)
    else:
        payload = _feed_payload(entry, feed_url, notes, name)
    text = " ".join(
        (
            payload["headline"],
            payload.get("description_text", ""),
            plain(payload.get("body_html", "")),
        )
    )
    language = _language(source, entry, feed_language, text, notes, name)
    published = _time(entry, notes, name)
    key = item_key(entry)
    payload.update(_attribution(source, link))
    payload["uri"] = item_uri(source, key)
    payload["language"] = tag_for_language(language)
    # A partner's subject names one of our categories, or the source's is used: outside
    # input never makes categories.
    found = _known_category(payload.get("subject"), language)
    payload["subject"], payload[ninjs.X_CATEGORY_SLUG] = found or _subject(source, language)
    if source.publish:
        payload["pubstatus"] = "usable"
        payload["firstcreated"] = published.isoformat()
    else:
        # A draft: its publication time is when an editor publishes it.
        payload["pubstatus"] = "withheld"
        payload.pop("firstcreated", None)
    payload["versioncreated"] = published.isoformat()
    try:
        ninjs.parse_item(payload)
    except ninjs.BadLine as exc:
        raise Refused(f"{name}: {exc.reason}") from None
    return Candidate(
        key=key,
        guid=entry.guid[:1000],
        link=link,
        headline=payload["headline"],
        language=language,
        published_at=published,
        payload=payload,
        text=text,
        notes=notes,
    )


def _feed_payload(entry: Entry, feed_url: str, notes: list[str], name: str) -> dict[str, Any]:
    lead = cut(plain(entry.summary_html), LEAD_MAX)
    body = sanitize_body_html(entry.content_html) if entry.content_html else ""
    if entry.content_html and not plain(body):
        if not lead:
            raise Refused(_("%(item)s: no text left once unsafe markup is removed") % {
                "item": name})  # fmt: skip
        notes.append(_("%(item)s: its body had no text once unsafe markup was removed") % {
            "item": name})  # fmt: skip
        body = ""
    if not body and len(lead) > SUMMARY_AS_BODY:
        body = sanitize_body_html(entry.summary_html) if "<" in entry.summary_html else (
            ninjs.text_to_html(lead))  # fmt: skip
    headline = cut(plain(entry.title), HEADLINE_MAX) or cut(lead, 120)
    if not headline:
        raise Refused(_("%(item)s: no headline and no text") % {"item": name or "?"})
    payload: dict[str, Any] = {"headline": headline, "description_text": lead}
    if body:
        payload["body_html"] = body
    if entry.author:
        payload["byline"] = cut(plain(entry.author), 255)
    if picture := http_link(entry.picture, feed_url):
        payload["associations"] = {
            "featuremedia": {"type": "picture", "uri": picture[:500],
                             "renditions": {"original": {"href": picture}}}
        }  # fmt: skip
    return payload


def _ninjs_payload(item: dict[str, Any]) -> dict[str, Any]:
    """The partner's object, with only http(s) picture links (never a local file)."""
    payload = dict(item)
    associations = payload.get("associations")
    if isinstance(associations, dict):
        kept = {}
        for name, assoc in associations.items():
            renditions = assoc.get("renditions") if isinstance(assoc, dict) else None
            if isinstance(renditions, dict):
                web = {k: r for k, r in renditions.items() if _web_rendition(r)}
                kept[name] = {**assoc, "renditions": web}
        payload["associations"] = kept
    for key in (ninjs.X_VIEWS, ninjs.X_SLUG, ninjs.X_TRANSLATION_KEY, "priority"):
        payload.pop(key, None)  # the partner's site, not ours
    return payload


def _web_rendition(rendition: Any) -> bool:
    return isinstance(rendition, dict) and bool(http_link(str(rendition.get("href", "")), ""))


def _language(
    source: Source, entry: Entry, feed_language: str, text: str, notes: list[str], name: str
) -> str:
    if source.language != DETECT:
        if other := languages.disagrees(source.language, text):
            notes.append(
                _("%(item)s: the text looks like %(found)s, not %(declared)s")
                % {"item": name, "found": other, "declared": source.language}
            )
        return source.language
    found = languages.detect(text)
    found = found or language_from_tag(entry.language or feed_language or "-")
    if found is None:
        raise Refused(_("%(item)s: its language could not be told") % {"item": name})
    return found


def _time(entry: Entry, notes: list[str], name: str) -> datetime:
    now = timezone.now()
    when = entry.published or entry.updated
    if when is None:
        notes.append(_("%(item)s: no date; the time it was seen is used") % {"item": name})
        return now
    if when > now + CLOCK_SLACK:
        notes.append(
            _("%(item)s: dated in the future (%(when)s); the time it was seen is used")
            % {"item": name, "when": when.isoformat()}
        )
        return now
    return when


def _attribution(source: Source, link: str) -> dict[str, str]:
    return {ninjs.X_SOURCE_NAME: source.name, ninjs.X_SOURCE_URL: link or source.link}


def _known_category(subjects: Any, language: str) -> tuple[list[dict[str, str]], str] | None:
    """The category of the ninjs item's first subject, when the site has it."""
    first = next((x for x in subjects if isinstance(x, dict)), None) if isinstance(
        subjects, list) else None  # fmt: skip
    if first is None:
        return None
    code, name = str(first.get("code") or ""), str(first.get("name") or "")
    categories = Category.objects.filter(locale__language_code=language)
    category = (code and categories.filter(code=code).first()) or (
        name and categories.filter(slug=slug_from_text(name)).first())  # fmt: skip
    if not category:
        return None
    return [{"name": category.name, "code": category.code}], category.slug


def _subject(source: Source, language: str) -> tuple[list[dict[str, str]], str]:
    """The source's category in the item's language: its translation when there is one,
    else the same name and slug (the importer makes it in that language)."""
    category = source.category
    if category.locale.language_code != language:
        translated = Category.objects.filter(
            translation_key=category.translation_key, locale__language_code=language
        ).first()
        category = translated or category
    return [{"name": category.name, "code": category.code}], category.slug
