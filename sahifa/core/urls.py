"""Building public URLs without a database query."""

import re
from urllib.parse import quote

# What quote() leaves as it is: slugs are made of these, and skipping quote() for them
# matters where paths are built by the thousand (sitemaps).
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch


def site_path(language_code: str, *parts: str) -> str:
    """The path of a public page: ``site_path("en", "world", "x")`` -> ``/en/world/x/``."""
    tail = "".join(f"{p if _UNQUOTED(p) else quote(p)}/" for p in parts if p)
    return f"/{language_code}/{tail}"


def absolute_url(path: str) -> str:
    from django.conf import settings

    return f"{settings.SAHIFA_BASE_URL}{path}"
