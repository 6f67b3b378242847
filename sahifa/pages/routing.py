"""Finding the site and the language's home page without the database on every request.

Wagtail's page view looks up the Site for the host, the root page, its translation in
the active language and that page's specific row, then its view restrictions (seven
queries) before our routes run.
``CachedRouteMiddleware`` hands Wagtail the same answers read from the cache
(``sahifa.core.blocks``: renewed when a page, site or locale is saved), through the
per-request attributes Wagtail itself keeps them in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from sahifa.core import blocks


def home_for(request: HttpRequest) -> tuple[Site | None, Page | None]:
    """The request's Site and its root page in the active language, specific, with its
    locale fetched (every route reads the language code)."""
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    home = site.root_page.localized.specific
    home.locale  # noqa: B018  (fetched now, so it is kept with the page)
    # Wagtail asks for these on every request (HomePage.get_view_restrictions).
    home.public_view_restrictions = list(home.get_view_restrictions())
    return site, home


class CachedRouteMiddleware:
    """For Wagtail's page view only: Site and home page from the cache (see module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: Any, kwargs: dict[str, Any]
    ) -> None:
        path = args[0] if args else kwargs.get("path")
        if view is not wagtail_views.serve or path is None:
            return
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"route:{hostname}:{request.get_port()}:{get_language()}"
        site, home = blocks.cached(key, lambda: home_for(request))
        request._wagtail_site = site
        if home is None:
            return  # Wagtail answers as it would (404 without a site)
        components = [part for part in path.split("/") if part]
        try:
            request._wagtail_route_for_request = home.route(request, components)
        except Http404:
            request._wagtail_route_for_request = None
