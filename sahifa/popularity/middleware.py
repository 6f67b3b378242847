"""Beacons take a short way through the server: they need no session, language, CSRF,
user, messages or redirects, and running those middlewares cost more CPU than counting
the view itself (bench/beacon.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from sahifa.popularity.views import beacon

# The same address as sahifa/popularity/urls.py, mounted under /api/.
BEACON_PATH = re.compile(r"/api/views/(?P<article_id>[0-9]+)/")


class BeaconShortcutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = BEACON_PATH.fullmatch(request.path_info)
        if match is None:
            return self.get_response(request)
        # The one thing LocaleMiddleware did that a beacon needs: its messages' language.
        translation.activate(translation.get_language_from_request(request))
        try:
            return beacon(request, int(match["article_id"]))
        finally:
            translation.deactivate()
