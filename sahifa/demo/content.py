"""The demo content shipped with Sahifa: categories and original stories in four
languages (``content/``), stored as ninjs JSON Lines and loaded with the importer."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from sahifa.articles import actions, events
from sahifa.articles.models import Article, Category

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CATEGORIES_FILE = CONTENT_DIR / "categories.json"
STORIES_FILE = CONTENT_DIR / "articles.jsonl"
# ninjs has no field for "these items translate each other"; the demo lines carry
# Wagtail's translation key in this extension field and the loader applies it.
X_TRANSLATION_KEY = "x_sahifa_translation_key"
# Category translations share a key made from their code, so every run agrees.
CATEGORY_KEYS = uuid.UUID("0d6a9c3e-57b1-4c52-8a8e-3b7f1e2d9c44")
# How old the newest demo story is once loaded.
NEWEST_STORY_AGE = timedelta(minutes=45)


def load_categories() -> list[dict[str, Any]]:
    return json.loads(CATEGORIES_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def ensure_categories() -> int:
    """Each demo category in each language, linked as translations; returns how many
    were created. Categories that exist (same code and language) are left as they are."""
    created = 0
    for entry in load_categories():
        key = uuid.uuid5(CATEGORY_KEYS, entry["code"])
        for code, names in entry["languages"].items():
            locale = Locale.objects.get(language_code=code)
            in_language = Category.objects.filter(locale=locale)
            if in_language.filter(code=entry["code"]).exists():
                continue
            # A category made before (by hand, or by an import without codes) under the
            # demo's slug becomes the demo's: give it the code the demo stories name.
            if existing := in_language.filter(slug=names["slug"]).first():
                existing.code, existing.translation_key = entry["code"], key
                actions.save_category(existing, via=actions.DEMO)
                continue
            category = Category(
                locale=locale,
                code=entry["code"],
                translation_key=key,
                sort_order=entry["sort_order"],
                **names,
            )
            actions.save_category(category, via=actions.DEMO)
            created += 1
    return created


def story_items(now: datetime | None = None) -> list[dict[str, Any]]:
    """The demo stories as ninjs objects, moved in time so the newest is
    `NEWEST_STORY_AGE` old and the others keep their spacing."""
    lines = STORIES_FILE.read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    newest = max(datetime.fromisoformat(item["firstcreated"]) for item in items)
    shift = (now or timezone.now()) - NEWEST_STORY_AGE - newest
    for item in items:
        for key in ("firstcreated", "versioncreated"):
            item[key] = (datetime.fromisoformat(item[key]) + shift).isoformat()
    return items


def picture_keys(items: list[dict[str, Any]]) -> dict[str, str]:
    """Picture file stem -> category code, for the pictures the stories name."""
    found = {}
    for item in items:
        for assoc in (item.get("associations") or {}).values():
            href = assoc["renditions"]["original"]["href"]
            found[Path(href).stem] = item["subject"][0]["code"]
    return found


def link_translations(items: list[dict[str, Any]]) -> int:
    """Give the articles of one story the same translation key (and their latest
    revision too, so reverting to it keeps the link); returns articles changed."""
    changed = 0
    with events.batch(actions.DEMO):
        for item in items:
            key = item.get(X_TRANSLATION_KEY)
            article = Article.objects.filter(uri=item["uri"]).first()
            if not key or article is None or str(article.translation_key) == key:
                continue
            actions.set_translation_key(article, uuid.UUID(key), via=actions.DEMO)
            changed += 1
    return changed
