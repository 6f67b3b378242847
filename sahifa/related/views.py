"""JSON endpoint: one published article's similar list."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sahifa.related.lists import as_record
from sahifa.related.selectors import find_article

MAX_LIMIT = 50


@require_GET
def similar(request: HttpRequest, reference: str) -> JsonResponse:
    raw = request.GET.get("limit", str(settings.SAHIFA_SIMILAR_COUNT))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        message = _("limit must be a whole number from 1 to %(max)d") % {"max": MAX_LIMIT}
        return JsonResponse({"error": message}, status=400)
    article = find_article(reference)
    if article is None:
        message = _("No published article has the URI or id %(ref)s") % {"ref": reference}
        return JsonResponse({"error": message}, status=404)
    return JsonResponse(as_record(article, int(raw)))
