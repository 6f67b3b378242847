"""Uploaded files (pictures, their sizes, documents) in a backup: copied one by one,
skipping a file deleted while the copy runs (its row is gone from a later snapshot)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings

MEDIA_FOLDER = "media"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def is_empty() -> bool:
    root = media_root()
    return not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def copy_tree(source: Path, target: Path) -> tuple[int, int]:
    """Copy every file under ``source`` to ``target``; return (files, bytes)."""
    files = size = 0
    if not source.exists():
        return files, size
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, destination)
        except FileNotFoundError:  # deleted meanwhile
            continue
        files += 1
        size += destination.stat().st_size
    return files, size


def dump(folder: Path) -> dict[str, Any]:
    files, size = copy_tree(media_root(), folder / MEDIA_FOLDER)
    return {"folder": MEDIA_FOLDER, "files": files, "bytes": size}


def load(folder: Path, info: dict[str, Any]) -> tuple[int, int]:
    return copy_tree(folder / info["folder"], media_root())
