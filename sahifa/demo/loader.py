"""Loading the demo through the ninjs importer. Article URIs are identities: items
already in the database are left alone, so loading again adds nothing."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sahifa.articles.models import Article
from sahifa.demo.bbc import bbc_items
from sahifa.demo.content import link_translations, picture_keys, story_items
from sahifa.demo.pictures import write_picture
from sahifa.interchange.importer import ImportReport, import_ninjs

DEMO_URN = "urn:sahifa:demo:"
# Loggers that note every saved object at INFO: thousands of lines during a load.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


def new_items(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items whose URI no article has yet."""
    known = set(Article.objects.filter(uri__startswith=DEMO_URN).values_list("uri", flat=True))
    return [item for item in items if item["uri"] not in known]


def _lines(items: list[dict[str, Any]]) -> Iterator[str]:
    return (json.dumps(item, ensure_ascii=False) for item in items)


def load_stories() -> ImportReport:
    """The written stories with their pictures, linked as translations."""
    items = story_items()
    todo = new_items(items)
    with TemporaryDirectory(prefix="sahifa-demo-") as folder:
        for key, category in picture_keys(todo).items():
            write_picture(key, category, Path(folder))
        report = import_ninjs(_lines(todo), source="demo stories", base_dir=Path(folder))
    link_translations(items)
    return report


def load_bbc(limit: int | None = None) -> ImportReport:
    """The BBC corpus (the first ``limit`` articles of its fixed order)."""
    todo = new_items(bbc_items(limit))
    return import_ninjs(_lines(todo), source="BBC corpus")


@contextmanager
def quiet_logs(level: int = logging.WARNING) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, before, strict=True):
            logger.setLevel(old)
