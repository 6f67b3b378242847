"""JSON endpoint: one published article's stored similar list. It only reads: a list
not computed yet is queued for the job worker and answered as it is (empty)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sahifa.core.api import as_id, json_error
from sahifa.related.selectors import find_article, stored_list
from sahifa.related.sizes import shown_count, stored_count


@require_GET
def similar(request: HttpRequest, reference: str) -> JsonResponse:
    most = stored_count()
    limit = as_id(request.GET.get("limit", str(shown_count())))
    if limit is None or not 1 <= limit <= most:
        message = _("limit must be a whole number from 1 to %(max)d") % {"max": most}
        return json_error(request, message, 400)
    article = find_article(reference)
    if article is None:
        message = _("No published article has the URI or id %(ref)s") % {"ref": reference[:200]}
        return json_error(request, message, 404)
    uris, has_list = stored_list(article, limit)
    record: dict[str, object] = {"uri": article.uri, "similar": uris}
    if not has_list:
        from sahifa.related.tasks import refresh_similar_of

        refresh_similar_of([article.pk])
        record["pending"] = True  # queued: ask again in a moment
    return JsonResponse(record)
