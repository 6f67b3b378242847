"""What every settings module reads first: the project's folders and the parsers of
environment variables (no Django imports, no other settings)."""

import os
from pathlib import Path

# The `sahifa` package (templates, static, locale live under it) and the checkout.
BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything the site writes (database, caches, job queue, key, metrics) lives here.
VAR_DIR = Path(os.environ.get("SAHIFA_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)
