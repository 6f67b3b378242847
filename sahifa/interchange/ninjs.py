"""Reading one ninjs object into plain, checked values: no database, no network.

Everything a line can get wrong is found here and raised as `BadLine` with a reason a
person can act on; see docs/ninjs.md for the mapping.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from datetime import datetime
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from sahifa.articles.inputs import ArticleData, PictureRef, SubjectRef
from sahifa.articles.models import Article, Category
from sahifa.articles.richtext import sanitize_body_html
from sahifa.interchange.languages import language_from_tag

# Sahifa's own fields, carried beside the ninjs ones (documented in docs/ninjs.md).
X_SOURCE_NAME = "x_sahifa_source_name"
X_SOURCE_URL = "x_sahifa_source_url"
X_VIEWS = "x_sahifa_views"
X_SLUG = "x_sahifa_slug"
X_CATEGORY_SLUG = "x_sahifa_category_slug"
X_SOCIAL_HEADLINE = "x_sahifa_social_headline"
X_TRANSLATION_KEY = "x_sahifa_translation_key"

# How an export names a picture that did not come in through ninjs.
IMAGE_URN = "urn:sahifa:image:"
PUBSTATUSES = {"usable", "withheld", "canceled"}
PICTURE_TYPES = {"picture", "graphic"}
TOP_STORY_PRIORITY = 1
NORMAL_PRIORITY = 5
# Made once: a validator made per line costs half as much again as the check.
SOURCE_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


class BadLine(Exception):
    """A line that cannot be imported; the message says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_line(text: str) -> ArticleData:
    """The article a ninjs JSON line describes, or `BadLine`."""
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadLine(
            _("invalid JSON: %(error)s (column %(column)d)")
            % {"error": exc.msg, "column": exc.colno}
        ) from None
    if not isinstance(item, dict):
        raise BadLine(_("not a JSON object"))
    return parse_item(item)


def parse_item(item: dict[str, Any]) -> ArticleData:
    # Identity and the required fields first, so their reasons come first.
    uri = _text(item, "uri", Article, "uri", required=True)
    headline = _text(item, "headline", Article, "headline", required=True)
    language = _language(item)
    first = _date(item, "firstcreated")
    updated = _date(item, "versioncreated")
    live = _pubstatus(item)
    now = timezone.now()
    data = ArticleData(
        uri=uri,
        headline=headline,
        language=language,
        subject=_subject(item),
        # A withheld item that never had a firstcreated was never published.
        first_published_at=first or ((updated or now) if live else None),
        updated_at=updated or first or now,
        live=live,
        lead=_lead(item),
        body=_body(item),
        byline=_text(item, "byline", Article, "byline"),
        is_top_story=_priority(item) == TOP_STORY_PRIORITY,
        source_name=_text(item, X_SOURCE_NAME, Article, "source_name")
        or _text(item, "copyrightholder", Article, "source_name"),
        source_url=_url(item, X_SOURCE_URL),
        view_count=_count(item, X_VIEWS),
        slug=_slug(item, X_SLUG, Article, "slug"),
        social_headline=_text(item, X_SOCIAL_HEADLINE, Article, "social_headline"),
        translation_key=_uuid(item, X_TRANSLATION_KEY),
        keywords=_keywords(item),
    )
    data.picture = _picture(item, data.warnings)
    return data


# --- Fields ---------------------------------------------------------------------------


def _text(
    item: dict[str, Any], key: str, model: type[Model], field_name: str, *, required: bool = False
) -> str:
    """A string field, stripped, checked against the model field's length."""
    value = item.get(key)
    if value is None or value == "":
        if required:
            raise BadLine(_("missing %(field)s") % {"field": key})
        return ""
    if not isinstance(value, str):
        raise BadLine(_("%(field)s must be a string") % {"field": key})
    value = plain_text(value)
    if required and not value:
        raise BadLine(_("missing %(field)s") % {"field": key})
    model_field = model._meta.get_field(field_name)
    limit = model_field.max_length if isinstance(model_field, Field) else None
    if limit and len(value) > limit:
        raise BadLine(
            _("%(field)s is %(length)d characters long; the limit is %(limit)d")
            % {"field": key, "length": len(value), "limit": limit}
        )
    return value


# Control characters other than tab and line breaks (NUL, escape, C1 controls...).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain_text(value: str) -> str:
    """A plain-text field as text: markup removed (a script with its content), entities
    read, control characters dropped, stripped."""
    if "<" in value or "&" in value:
        value = html.unescape(nh3.clean(value, tags=set()))
    return _CONTROLS.sub("", value).strip()


def _language(item: dict[str, Any]) -> str:
    tag = item.get("language")
    if not tag:
        raise BadLine(_("missing language"))
    if not isinstance(tag, str):
        raise BadLine(_("language must be a string"))
    code = language_from_tag(tag)
    if code is None:
        raise BadLine(_("unknown language %(tag)r") % {"tag": tag})
    return code


def _pubstatus(item: dict[str, Any]) -> bool:
    """`usable` (or none) is published; `withheld` and `canceled` are kept unpublished."""
    status = item.get("pubstatus") or "usable"
    if status not in PUBSTATUSES:
        raise BadLine(_("unknown pubstatus %(value)r") % {"value": status})
    return status == "usable"


def _date(item: dict[str, Any], key: str) -> datetime | None:
    """ISO 8601; a time without an offset is read in the site's time zone, a date
    alone as its midnight there."""
    value = item.get(key)
    if value is None or value == "":
        return None
    parsed = None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value.strip())
            if parsed is None and (day := parse_date(value.strip())):
                parsed = datetime(day.year, day.month, day.day)
        except ValueError:
            parsed = None
    if parsed is None:
        raise BadLine(
            _("unparseable date in %(field)s: %(value)r") % {"field": key, "value": value}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _subject(item: dict[str, Any]) -> SubjectRef | None:
    """The first subject with a name or a code names the category; without one the
    article goes into the default category (the write path picks it)."""
    subjects = item.get("subject")
    if subjects is not None and not isinstance(subjects, list):
        raise BadLine(_("subject must be a list"))
    for subject in subjects or []:
        if not isinstance(subject, dict):
            raise BadLine(_("each subject must be an object"))
        name = _text(subject, "name", Category, "name")
        code = _text(subject, "code", Category, "code")
        if name or code:
            slug = _slug(item, X_CATEGORY_SLUG, Category, "slug")
            return SubjectRef(name=name or code, code=code, slug=slug)
    return None


def _lead(item: dict[str, Any]) -> str:
    if lead := _text(item, "description_text", Article, "lead"):
        return lead
    # No plain-text lead: take the text of the HTML one.
    return _text(item, "description_html", Article, "lead")


def _body(item: dict[str, Any]) -> str:
    """Sanitised body_html, else body_text as paragraphs. HTML that had content but
    keeps no text once unsafe markup is removed is a bad line, not an empty article."""
    body_html = item.get("body_html")
    if body_html:
        if not isinstance(body_html, str):
            raise BadLine(_("body_html must be a string"))
        clean = sanitize_body_html(body_html)
        if not nh3.clean(clean, tags=set()).strip():
            raise BadLine(_("body_html has no text left once unsafe markup is removed"))
        return clean
    body_text = item.get("body_text")
    if body_text:
        if not isinstance(body_text, str):
            raise BadLine(_("body_text must be a string"))
        return text_to_html(body_text)
    return ""


def text_to_html(text: str) -> str:
    """Plain text to paragraphs: every non-empty line is one, escaped."""
    lines = (line.strip() for line in text.splitlines())
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)


def _priority(item: dict[str, Any]) -> int:
    value = item.get("priority", NORMAL_PRIORITY)
    if value is None:
        return NORMAL_PRIORITY
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        raise BadLine(
            _("priority must be a whole number from 1 to 9, not %(value)r") % {"value": value}
        )
    return value


def _url(item: dict[str, Any], key: str) -> str:
    value = _text(item, key, Article, "source_url")
    if value:
        try:
            SOURCE_URL_VALIDATOR(value)
        except ValidationError:
            raise BadLine(
                _("%(field)s is not an http(s) URL: %(value)r") % {"field": key, "value": value}
            ) from None
    return value


def _count(item: dict[str, Any], key: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadLine(
            _("%(field)s must be a whole number, not %(value)r") % {"field": key, "value": value}
        )
    return value


def _slug(item: dict[str, Any], key: str, model: type, field_name: str) -> str:
    value = _text(item, key, model, field_name)
    if value:
        try:
            validate_slug(value)
        except ValidationError:
            raise BadLine(
                _("%(field)s is not a slug: %(value)r") % {"field": key, "value": value}
            ) from None
    return value


def _uuid(item: dict[str, Any], key: str) -> uuid.UUID | None:
    value = item.get(key)
    if value is None or value == "":
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadLine(
            _("%(field)s is not a UUID: %(value)r") % {"field": key, "value": value}
        ) from None


def _keywords(item: dict[str, Any]) -> list[str]:
    """Keywords become tags; blanks and repeats are dropped."""
    value = item.get("keywords") or []
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise BadLine(_("keywords must be a list of strings"))
    seen: dict[str, str] = {}
    for keyword in value:
        keyword = re.sub(r"\s+", " ", keyword).strip()
        if len(keyword) > 100:
            raise BadLine(
                _("keyword longer than 100 characters: %(value)r") % {"value": keyword[:40]}
            )
        if keyword:
            seen.setdefault(keyword.lower(), keyword)
    return list(seen.values())


# --- Pictures -------------------------------------------------------------------------


def _picture(item: dict[str, Any], warnings: list[str]) -> PictureRef | None:
    """The main picture: `featuremedia` when present, else the first picture association.
    A picture without a usable link is a warning, not a bad line."""
    associations = item.get("associations") or {}
    if not isinstance(associations, dict):
        raise BadLine(_("associations must be an object"))
    names = sorted(associations, key=lambda name: name != "featuremedia")
    for name in names:
        assoc = associations[name]
        if not isinstance(assoc, dict) or assoc.get("type") not in PICTURE_TYPES:
            continue
        href = _rendition_href(assoc)
        if not href:
            warnings.append(_("picture %(name)r has no rendition with an href") % {"name": name})
            return None
        caption = assoc.get("description_text") or assoc.get("headline") or ""
        credits = [assoc.get("byline"), assoc.get("copyrightholder")]
        credit = " / ".join(
            dict.fromkeys(c.strip() for c in credits if isinstance(c, str) and c.strip())
        )
        uri = assoc.get("uri") if isinstance(assoc.get("uri"), str) else ""
        return PictureRef(
            uri=(uri or href)[:500],
            href=href,
            caption=str(caption).strip()[:500],
            credit=credit[:255],
            title=str(assoc.get("headline") or caption).strip()[:255],
        )
    return None


def _rendition_href(assoc: dict[str, Any]) -> str:
    """The `original` rendition, else the widest one that has an href."""
    renditions = assoc.get("renditions")
    if not isinstance(renditions, dict):
        return ""
    usable = {
        k: r
        for k, r in renditions.items()
        if isinstance(r, dict) and isinstance(r.get("href"), str) and r["href"].strip()
    }
    if not usable:
        return ""
    if "original" in usable:
        return usable["original"]["href"].strip()

    def width(rendition: dict[str, Any]) -> int:
        w = rendition.get("width")
        return w if isinstance(w, int) else 0

    return max(usable.values(), key=width)["href"].strip()
