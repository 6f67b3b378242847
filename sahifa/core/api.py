"""What the JSON endpoints under /api/ share: numeric ids that are never too long for
the database, JSON errors, and no language redirect for a 404 there (Django's
LocaleMiddleware would send any 404 outside the language prefixes to /uz/api/...,
where a page answers in HTML)."""

from __future__ import annotations

import re

from django.http import HttpRequest, JsonResponse
from django.urls import register_converter
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

# Up to 18 digits: every id the database has, and never past its 64-bit integers.
ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(ID_PATTERN)
# A urlconf without language prefixes: LocaleMiddleware finds no page to redirect to.
NO_LANGUAGE_URLCONF = "sahifa.core.api"
urlpatterns: list = []


def as_id(text: str) -> int | None:
    """``text`` as a database id: ASCII digits only (``"²".isdigit()`` is true), short."""
    return int(text) if _ID.fullmatch(text) else None


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


def json_error(request: HttpRequest, message: str, status: int) -> JsonResponse:
    """``{"error": message}`` with ``status``, never redirected to a language."""
    request.urlconf = NO_LANGUAGE_URLCONF
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # it changes nothing: any method gets the same 404
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under /api/ that names no endpoint."""
    return json_error(request, _("No such address in the API."), 404)
