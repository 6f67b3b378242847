"""The web app manifest and the lasting address of an article's social image."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.templatetags.static import static
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from sahifa.articles import selectors
from sahifa.languages.alternates import bcp47
from sahifa.social import drawing, pictures
from sahifa.social.texts import TAGLINE

# Platforms fetch a preview picture once and keep it; an hour spares the site repeats
# while a picture an editor changes still reaches those that fetch again soon.
IMAGE_MAX_AGE = 3600
MANIFEST_MAX_AGE = 3600
ICONS = (
    ("social/icon-192.png", "192x192", "image/png", "any"),
    ("social/icon-512.png", "512x512", "image/png", "any"),
    ("social/icon-maskable-512.png", "512x512", "image/png", "maskable"),
    ("social/icon.svg", "any", "image/svg+xml", "any"),
)


@require_safe
def article_image(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The published article's picture in the social size as it is now, else its
    category's card; 404 for an article that is not published."""
    article = selectors.one(selectors.published().filter(pk=pk))
    if article is None:
        # Without this, LocaleMiddleware turns a 404 outside the language prefixes into a
        # redirect to /uz/social/...; a urlconf without language prefixes stops that.
        request.urlconf = "sahifa.social.urls"
        return HttpResponseNotFound()
    picture = pictures.article_picture(article)
    if not picture.storage.exists(picture.name):  # the rendition's file is gone: the card
        picture = pictures.card_picture(article)
    etag = quote_etag(picture.name)  # a new picture or focal point is a new rendition
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        kind = mimetypes.guess_type(picture.name)[0] or "application/octet-stream"
        response = FileResponse(picture.storage.open(picture.name, "rb"), content_type=kind)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    return response


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, in the reader's language (the start address sends them
    to their language's home page)."""
    site = settings.WAGTAIL_SITE_NAME
    brand = "#{:02x}{:02x}{:02x}".format(*drawing.BRAND)
    data = {
        "name": site,
        "short_name": site,
        "description": str(TAGLINE),
        "lang": bcp47(get_language() or settings.LANGUAGE_CODE),
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": brand,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=MANIFEST_MAX_AGE)
    return response
