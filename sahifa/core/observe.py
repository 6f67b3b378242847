"""What every request leaves behind for operators: its count and time in the metrics
(by route: the URL pattern's name, never the raw path), a request id (the proxy's
``X-Request-ID`` when it sends a sane one, else a new one; echoed in the answer), and
with ``SAHIFA_LOG_FORMAT=json`` one log line."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from sahifa.core import metrics
from sahifa.core.logformat import request_id

log = logging.getLogger("sahifa.request")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Requests no URL pattern took (a 404 from the resolver, a redirect to a language).
UNMATCHED = "unmatched"
# Static files, answered by WhiteNoise before any URL pattern is looked at.
STATIC = "static"


# Set on requests answered before URL resolution (a kept page): the route it was kept from.
_NAMED_ROUTE = "sahifa_route"


def name_route(request: HttpRequest, route: str) -> None:
    """Count ``request`` under ``route``: it was answered without a URL pattern (a page
    served from the page cache names the route it was rendered by)."""
    setattr(request, _NAMED_ROUTE, route)


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        if named := getattr(request, _NAMED_ROUTE, ""):
            return named
        return STATIC if request.path.startswith(settings.STATIC_URL) else UNMATCHED
    return match.view_name or match.route or UNMATCHED


class RequestObserver:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.json_lines = settings.SAHIFA_LOG_FORMAT == "json"

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        rid = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        seconds = time.perf_counter() - started
        route = route_of(request)
        metrics.count_request(route, request.method or "", response.status_code, seconds)
        response["X-Request-ID"] = rid
        if self.json_lines:
            log.info(
                "%s %s %s",
                request.method,
                route,
                response.status_code,
                extra={
                    "method": request.method,
                    "route": route,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                    "request_id": rid,
                },
            )
        return response
