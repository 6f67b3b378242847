"""The view beacon: POST /api/views/<article id>/, sent by the article page after it
loads. It answers from the buffer and a per-process cache, never writing to the
database; the body carries the total to show."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sahifa.popularity import lookup, readers
from sahifa.popularity.buffers import Outcome, get_buffer
from sahifa.popularity.buffers.base import RATE_WINDOW_SECONDS
from sahifa.popularity.flush import ensure_flusher


@csrf_exempt  # a beacon carries no session; a forged one is just a beacon
@require_POST
def beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if readers.is_speculative(request) or readers.is_bot(user_agent):
        return _no_store(HttpResponse(status=204))
    total = lookup.published_total(article_id)
    if total is None:
        message = _("No published article has the number %(id)s.") % {"id": article_id}
        # Without this, LocaleMiddleware turns any 404 outside i18n_patterns into a
        # redirect to /uz/api/...; a urlconf without language prefixes stops that.
        request.urlconf = "sahifa.popularity.urls"
        return _no_store(JsonResponse({"error": message}, status=404))
    hit = get_buffer().record(article_id, readers.client_address(request), user_agent)
    ensure_flusher()
    if hit.outcome is Outcome.LIMITED:
        response = JsonResponse({"error": _("Too many views from this address.")}, status=429)
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return _no_store(response)
    counted = hit.outcome is Outcome.COUNTED
    return _no_store(JsonResponse({"views": total + hit.pending, "counted": counted}))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
