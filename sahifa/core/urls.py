"""Building public URLs without a database query."""

from urllib.parse import quote


def site_path(language_code: str, *parts: str) -> str:
    """The path of a public page: ``site_path("en", "world", "x")`` -> ``/en/world/x/``."""
    tail = "".join(f"{quote(p)}/" for p in parts if p)
    return f"/{language_code}/{tail}"


def absolute_url(path: str) -> str:
    from django.conf import settings

    return f"{settings.SAHIFA_BASE_URL}{path}"
