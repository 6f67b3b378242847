"""What load balancers and monitoring ask: ``/healthz`` (the process answers: nothing
else is touched), ``/readyz`` (the database, the cache and the job queue answer; one
cheap call each) and ``/metrics`` (Prometheus, for allowed addresses or a bearer token).
None of them is ever cached."""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sahifa.core import metrics

READY_KEY = "readyz"


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    value = str(time.time_ns())
    cache.set(READY_KEY, value, 10)
    if cache.get(READY_KEY) != value:
        raise RuntimeError("the cache did not keep a value")


def _jobs() -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.pending_count()


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache, "jobs": _jobs}


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """200 when every check passes, else 503; the body names each check's result."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means: not ready, say which and why
            results[name] = f"{type(exc).__name__}: {exc}"[:300]
        else:
            results[name] = "ok"
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "unavailable" if failed else "ok", "checks": results, "failed": failed}
    return JsonResponse(body, status=503 if failed else 200)


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address_in(address: str, entries: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(entries)))


def metrics_allowed(request: HttpRequest) -> bool:
    """A matching bearer token, or a direct connection from an allowed address. Through
    a proxy the address is the proxy's (a local nginx is 127.0.0.1 for every reader), so
    there only the token counts."""
    token = settings.SAHIFA_METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    address = request.META.get("REMOTE_ADDR", "")
    proxied = "HTTP_X_FORWARDED_FOR" in request.META or _address_in(
        address, settings.SAHIFA_TRUSTED_PROXIES
    )
    return not proxied and _address_in(address, settings.SAHIFA_METRICS_ALLOW)


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        return HttpResponse(
            _("Metrics are not shown to this address."), status=403, content_type="text/plain"
        )
    return HttpResponse(metrics.exposition(), content_type="text/plain; version=0.0.4")
