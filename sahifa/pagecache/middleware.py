"""The page cache: public pages served from the shared cache after their first render.

A page is kept when its view tagged it with surrogate keys (`keys.tag`) and the
response is one anybody may see: a GET or HEAD without a session cookie, status 200,
no cookie set, not private, not streamed. A kept page is served until a purge of one of
its keys or ``SAHIFA_PAGE_CACHE_SECONDS``. A page only old (not purged, within
``SAHIFA_PAGE_CACHE_SWR_SECONDS`` more) is served as it is, and one process renders it
again after its response has gone. A purged page is rendered again by one process (a
lock in the cache) while the others serve the previous version for at most
``PURGED_STALE_SECONDS``, or wait for the render a moment.

When the database is unreachable a request gets the last kept version of its page
(`X-Sahifa-Stale: db-unavailable`) or a 503 page (`outage`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from hashlib import md5

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified

from sahifa.core import observe
from sahifa.pagecache import encoding, headers, keys, outage, store

HIT, MISS, STALE = "hit", "miss", "stale"
PURGED_STALE_SECONDS = 1.0  # a purged page is served while its new render is under way
WAIT_SECONDS = 2.0  # how long a request waits for another process's render
# Query parameters that do not change a page (links shared on social networks).
TRACKING = frozenset({"fbclid", "gclid", "yclid", "igshid", "_openstat", "ref"})
KEPT_HEADERS = frozenset(
    {"content-type", "content-language", "last-modified", "x-frame-options", "link",
     "x-content-type-options", "referrer-policy", "cross-origin-opener-policy",
     "content-security-policy", "content-security-policy-report-only"}
)  # fmt: skip
_OUTAGE = "_pagecache_outage"
log = logging.getLogger(__name__)
# Renders to run once the current response has gone (`render_after_response`).
_after_response: ContextVar[list[Callable[[], object]] | None] = ContextVar(
    "pagecache_after_response", default=None
)


def page_name(request: HttpRequest) -> str | None:
    """The page a request may be served from the cache under (None: never from it)."""
    if request.method not in ("GET", "HEAD") or has_session(request):
        return None
    if any(not (p in TRACKING or p.startswith("utm_")) for p in request.GET):
        return None
    if request.path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return store.page_key(f"{request.scheme}://{host}{request.path}")


def has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def keepable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A response the page cache keeps (a streamed one is public, but not kept)."""
    return isinstance(response, HttpResponse) and public(request, response)


def public(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A response anybody may be given: caches in front may keep it."""
    vary = response.get("Vary", "").lower()
    control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.cookies
        and "cookie" not in vary
        and "private" not in control
        and "no-store" not in control
        and request.method in ("GET", "HEAD")
        and not has_session(request)
    )


def entry_of(
    request: HttpRequest, response: HttpResponse, carried: set[str], sequence: int
) -> store.Entry:
    content = response.content
    kept = [(k, v) for k, v in response.items() if k.lower() in KEPT_HEADERS]
    return store.Entry(
        sequence=sequence,
        created=time.time(),
        keys=tuple(sorted(carried)),
        status=response.status_code,
        headers=kept,
        bodies=encoding.bodies(content, response.get("Content-Type", "")),
        etag=response.get("ETag") or f'"{md5(content).hexdigest()}"',
        max_age=headers.browser_max_age(response),
        route=observe.route_of(request),
    )


def respond(request: HttpRequest, entry: store.Entry, how: str, stale: str = "") -> HttpResponse:
    """The kept page, in the coding the client accepts (or 304 when it has it)."""
    observe.name_route(request, entry.route)
    response: HttpResponse
    coding = encoding.choose(request, entry.bodies)
    etag = encoding.tagged(entry.etag, coding)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry.bodies[coding], status=entry.status)
        if coding != encoding.IDENTITY:
            response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(entry.bodies[coding]))
        for name, value in entry.headers:
            response[name] = value
    response["ETag"] = etag
    headers.mark_public(response, list(entry.keys), entry.max_age)
    response["X-Sahifa-Cache"] = how
    if how == STALE:
        # A cache in front keeps it a moment only: a new version is being rendered.
        response["Cache-Control"] = "public, max-age=0, s-maxage=1"
    if stale:
        response["X-Sahifa-Stale"] = stale
    return response


def may_serve_stale(state: store.State) -> bool:
    if state.purged_at is None:  # only old: within stale-while-revalidate
        return True
    return time.time() - state.purged_at < PURGED_STALE_SECONDS


def only_old(entry: store.Entry, state: store.State) -> bool:
    """Past its time, not purged, still within stale-while-revalidate."""
    age = time.time() - entry.created
    limit = settings.SAHIFA_PAGE_CACHE_SECONDS + settings.SAHIFA_PAGE_CACHE_SWR_SECONDS
    return state.purged_at is None and age < limit


def render_after_response(**_kwargs: object) -> None:
    """`request_finished`: the renders this request left for after its response."""
    pending = _after_response.get()
    _after_response.set(None)
    for render in pending or ():
        try:
            render()
        except Exception:
            log.exception("rendering a page again after the response failed")


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        name = page_name(request) if settings.SAHIFA_PAGE_CACHE else None
        if name is None:
            return self.finish(request, self.get_response(request))
        try:
            entry = store.lookup(name)
        except Exception:  # the cache's own errors (Redis down, a full disk) vary by backend
            log.warning("the page cache cannot be read; rendering %s", request.path, exc_info=True)
            return self.finish(request, self.get_response(request))
        state = store.state(entry) if entry is not None else None
        if entry is not None and state is not None and state.fresh:
            return respond(request, entry, HIT)
        if outage.is_down():
            return self.during_outage(request, entry)
        if entry is not None and state is not None and only_old(entry, state):
            if store.lock(name):
                self.render_later(request, name)
            return respond(request, entry, STALE)
        if store.lock(name):
            try:
                return self.render(request, name)
            finally:
                store.unlock(name)
        if entry is not None and state is not None and may_serve_stale(state):
            return respond(request, entry, STALE)
        rendered = store.wait_for_render(name, WAIT_SECONDS)
        if rendered is not None:
            return respond(request, rendered, HIT)
        return self.render(request, name)  # the render we waited for is slow: our own

    def render_later(self, request: HttpRequest, name: str) -> None:
        """Render the page again once this response has gone (the lock is held)."""

        def render() -> None:
            try:
                self.render(request, name)
            finally:
                store.unlock(name)

        pending = _after_response.get()
        if pending is None:
            pending = []
            _after_response.set(pending)
        pending.append(render)

    def render(self, request: HttpRequest, name: str) -> HttpResponseBase:
        sequence = store.sequence()  # before any data is read
        response = self.get_response(request)
        carried = keys.carried(request)
        if getattr(request, _OUTAGE, False) or not carried or not keepable(request, response):
            return self.finish(request, response)
        assert isinstance(response, HttpResponse)
        entry = entry_of(request, response, carried, sequence)
        store.keep(name, entry)
        return respond(request, entry, MISS)

    def finish(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """Headers of a response that is not served from the cache."""
        if getattr(request, _OUTAGE, False):
            return response
        carried = keys.carried(request)
        if request.path.startswith(settings.MEDIA_URL) and response.status_code == 200:
            headers.mark_immutable(response)  # renditions and uploads never change name
        elif carried and public(request, response):
            # The page cache is off (or the response is streamed): a cache in front may.
            headers.mark_public(response, sorted(carried), headers.browser_max_age(response))
        elif carried or has_session(request) or "Cache-Control" not in response:
            headers.mark_private(response)
        return response

    def during_outage(self, request: HttpRequest, entry: store.Entry | None) -> HttpResponseBase:
        setattr(request, _OUTAGE, True)
        if entry is not None:
            return respond(request, entry, STALE, stale="db-unavailable")
        return outage.unavailable(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponseBase | None:
        if not outage.failed(exception):
            return None
        name = page_name(request) if settings.SAHIFA_PAGE_CACHE else None
        return self.during_outage(request, store.lookup(name) if name else None)
