"""Uzbek Cyrillic articles and categories kept in step with their Uzbek Latin versions.

Saving or publishing the Latin version (re)writes the Cyrillic one by transliteration,
with the names glossary, unless an editor has changed the Cyrillic text by hand since it
was generated: then it is left alone and shown as out of step until regenerated.
"""

from __future__ import annotations

import hashlib
import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Locale

from sahifa.articles import actions
from sahifa.articles.models import Article, Category
from sahifa.articles.slugs import assign_slugs
from sahifa.languages.glossary import transliteration_spellings
from sahifa.languages.models import CyrillicSync
from sahifa.languages.transliteration import latin_to_cyrillic

log = logging.getLogger(__name__)

LATIN, CYRILLIC = "uz", "uz-cyrl"

# Text fields written by transliteration; copied fields taken over as they are.
TEXT_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Article: (
        "headline",
        "social_headline",
        "lead",
        "body",
        "image_caption",
        "image_credit",
        "byline",
        "source_name",
    ),
    Category: ("name", "description"),
}
COPIED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Article: ("image_id", "source_url", "is_top_story", "go_live_at", "expire_at"),
    Category: ("sort_order", "code"),
}

_Item = TypeVar("_Item", bound=models.Model)

_paused: ContextVar[bool] = ContextVar("cyrillic_sync_paused", default=False)


@contextmanager
def paused():
    """No keep-in-step inside this block (loaders that bring their own Cyrillic)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def enabled() -> bool:
    return getattr(settings, "SAHIFA_CYRILLIC_FROM_LATIN", True) and not _paused.get()


@dataclass(frozen=True)
class Status:
    """Where a Cyrillic item stands against its Latin version."""

    source: models.Model | None  # the Latin version
    generated: bool  # made by the keep-in-step (else written by hand from the start)
    hand_edited: bool  # Cyrillic text changed by an editor since it was generated
    out_of_step: bool  # Latin text changed since the Cyrillic was generated


# --- Fingerprints ---------------------------------------------------------------------
def _fingerprint(values: list[Any]) -> str:
    return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()


def _text(item: models.Model) -> list[str]:
    return [getattr(item, name) or "" for name in TEXT_FIELDS[type(item)]]


def latest_content(item: models.Model) -> models.Model:
    """What the editor last saved: the latest revision (a draft) or the row."""
    revision = getattr(item, "latest_revision", None)
    return revision.as_object() if revision is not None else item


def _source_fingerprint(source: models.Model) -> str:
    return _fingerprint([*_text(source), getattr(source, "live", True)])


def _record(item: models.Model) -> CyrillicSync | None:
    content_type = ContentType.objects.get_for_model(type(item))
    return CyrillicSync.objects.filter(content_type=content_type, object_id=item.pk).first()


def _remember(target: models.Model, source: models.Model) -> None:
    CyrillicSync.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        defaults={
            "source_hash": _source_fingerprint(source),
            "generated_hash": _fingerprint(_text(latest_content(target))),
        },
    )


# --- Status ---------------------------------------------------------------------------
def translation_in(item: _Item, language_code: str) -> _Item | None:
    # A translatable model (Article, Category): it has `objects` and `translation_key`.
    model: Any = type(item)
    translation_key = cast(Any, item).translation_key
    return cast(
        "_Item | None",
        model.objects.filter(
            translation_key=translation_key, locale__language_code=language_code
        ).first(),
    )


def status(cyrillic: models.Model) -> Status:
    source = translation_in(cyrillic, LATIN)
    record = _record(cyrillic)
    generated = record is not None and bool(record.generated_hash)
    hand_edited = (
        record is None
        or not generated
        or (_fingerprint(_text(latest_content(cyrillic))) != record.generated_hash)
    )
    out_of_step = source is not None and (
        record is None or _source_fingerprint(latest_content(source)) != record.source_hash
    )
    return Status(source, generated, hand_edited, out_of_step)


# --- Writing --------------------------------------------------------------------------
def _cyrillic_locale() -> Locale | None:
    return Locale.objects.filter(language_code=CYRILLIC).first()


def _needs_writing(target: models.Model, source: models.Model) -> bool:
    """Generated, not edited by hand since, and made from other Latin text."""
    record = _record(target)
    if record is None or not record.generated_hash:
        return False
    if _fingerprint(_text(latest_content(target))) != record.generated_hash:
        return False
    return record.source_hash != _source_fingerprint(source)


def _fill(target: models.Model, source: models.Model, spellings: dict[str, str]) -> None:
    for name in TEXT_FIELDS[type(source)]:
        setattr(target, name, latin_to_cyrillic(getattr(source, name) or "", spellings))
    for name in COPIED_FIELDS[type(source)]:
        setattr(target, name, getattr(source, name))


def sync_category(source: Category, force: bool = False) -> Category | None:
    """The Cyrillic category of a Latin one, written from it unless edited by hand."""
    locale = _cyrillic_locale()
    if locale is None or source.locale.language_code != LATIN:
        return None
    target = translation_in(source, CYRILLIC)
    if target is not None and not force and not _needs_writing(target, source):
        return target
    if target is None:
        target = Category(locale=locale, translation_key=source.translation_key)
        taken = Category.objects.filter(locale=locale, slug=source.slug).exists()
        target.slug = f"{source.slug}-cyrl" if taken else source.slug
    _fill(target, source, transliteration_spellings())
    actions.save_category(target, via=actions.CYRILLIC)
    _remember(target, source)
    return target


def sync_article(source: Article, force: bool = False, draft: bool = False) -> Article | None:
    """The Cyrillic article of a Latin one, written from it unless edited by hand.

    ``source`` is the Latin content to follow (a draft's content when ``draft``: the
    Cyrillic then gets a draft too). Otherwise the Cyrillic is published or unpublished
    as the Latin one is."""
    locale = _cyrillic_locale()
    if locale is None or source.locale.language_code != LATIN:
        return None
    target = translation_in(source, CYRILLIC)
    if target is not None and not force and not _needs_writing(target, source):
        return target
    category = translation_in(source.category, CYRILLIC) or sync_category(source.category)
    if target is None:
        target = Article(locale=locale, translation_key=source.translation_key, live=False)
        target.slug = source.slug
    _fill(target, source, transliteration_spellings())
    if target.pk is None:
        assign_slugs([target])  # the Latin slug when it is free, else the headline's
    target.category = category
    revision = actions.save_draft(target, clean=False, via=actions.CYRILLIC)
    if not draft:
        if source.live:
            target.first_published_at = source.first_published_at
            actions.publish(
                revision, first_published_at=source.first_published_at, via=actions.CYRILLIC
            )
        elif target.live:
            actions.unpublish(target, via=actions.CYRILLIC)
    _remember(target, source)
    return target


def sync(source: models.Model, force: bool = False, draft: bool = False) -> models.Model | None:
    if isinstance(source, Article):
        return sync_article(source, force=force, draft=draft)
    if isinstance(source, Category):
        return sync_category(source, force=force)
    return None
