"""The view beacon: POST /api/views/<article id>/, sent by the article page after it
loads. It answers from the buffer and a per-process cache, never writing to the
database; the body carries the total to show.

`sahifa serve` answers beacons before Django's request handling (sahifa/popularity/
wsgi.py); this view answers them wherever that short way is not in front (the test
client, another server) and for methods other than POST."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sahifa.popularity.beacon import answer


@csrf_exempt  # a beacon carries no session; a forged one is just a beacon
@require_POST
def beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    result = answer(request.META, article_id)
    payload = result.payload()
    if payload is None:
        response = HttpResponse(status=result.status)
    else:
        response = JsonResponse(payload, status=result.status)
    if result.status == 404:
        # Without this, LocaleMiddleware turns any 404 outside i18n_patterns into a
        # redirect to /uz/api/...; a urlconf without language prefixes stops that.
        request.urlconf = "sahifa.popularity.urls"
    for name, value in result.headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response
