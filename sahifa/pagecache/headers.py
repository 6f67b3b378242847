"""Cache headers: public pages may be kept by caches in front, everything else not."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_max_age, patch_vary_headers

PRIVATE = "private, no-store"
IMMUTABLE = "public, max-age=31536000, immutable"


def browser_max_age(response: HttpResponseBase) -> int:
    """What the view lets browsers and feed readers keep (feeds, sitemaps: a minute);
    pages 0: purges cannot reach a browser."""
    return get_max_age(response) or 0


def public_cache_control(max_age: int = 0) -> str:
    """Browsers ask again after ``max_age`` (an ETag makes that cheap); shared caches
    keep the page ``SAHIFA_PAGE_CACHE_SECONDS`` (purged sooner by key), may serve it
    while they fetch a new one, and when the site fails."""
    return (
        f"public, max-age={max_age}, s-maxage={settings.SAHIFA_PAGE_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.SAHIFA_PAGE_CACHE_SWR_SECONDS}, "
        f"stale-if-error={settings.SAHIFA_PAGE_CACHE_STALE_SECONDS}"
    )


def mark_public(response: HttpResponseBase, keys: list[str], max_age: int = 0) -> None:
    response["Cache-Control"] = public_cache_control(max_age)
    names = " ".join(sorted(keys))
    response["Surrogate-Key"] = names  # Fastly, and Varnish set-ups that read it
    response["xkey"] = names  # Varnish's xkey module
    patch_vary_headers(response, ["Accept-Encoding"])


def mark_private(response: HttpResponseBase) -> None:
    """Never kept by a shared cache: an editor's page, a form, a beacon, the admin."""
    response["Cache-Control"] = PRIVATE


def mark_immutable(response: HttpResponseBase) -> None:
    response["Cache-Control"] = IMMUTABLE
