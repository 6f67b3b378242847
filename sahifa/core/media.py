"""Uploaded files served by the site itself (SAHIFA_SERVE_MEDIA): never as a page of the
site's origin. A file an editor uploaded (an HTML page, an SVG with a script) that opened
inline would run with the session of whoever opens it, a superuser too; so every file
under /media/ is sandboxed with no content allowed and no type sniffing, and anything
but the raster pictures the pages show is a download. docs/security.md has the same
headers for a web server that serves /media/ instead."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.views.static import serve

# What <img> shows; a picture opened on its own in a tab runs nothing either.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def protect(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    kind = response.get("Content-Type", "").split(";")[0].strip().lower()
    if kind not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    return protect(serve(request, path, document_root=str(settings.MEDIA_ROOT)))
