"""Serving the public pages without asking the database for the site on every request.

Wagtail's page view looks up the Site for the host, the root page, its translation in
the active language and that page's specific row, then its view restrictions (seven
queries) before our routes run. `serve` is that view with those answers read from the
cache (`sahifa.core.blocks`, scope "site": renewed when a page, site or locale is saved);
the rest is as Wagtail's (`wagtail.views.serve`): the page's own routing, the
`before_serve_page` and `on_serve_page` hooks, the page's `serve`.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.views import serve_chain

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


def cached_home(request: HttpRequest) -> Page | None:
    hostname = split_domain_port(request.get_host())[0]
    key = f"route:{hostname}:{request.get_port()}:{get_language()}"
    return blocks.cached(key, lambda: home_for(request), ["site"])[1]


def serve(request: HttpRequest, path: str = "") -> HttpResponse:
    home = cached_home(request)
    if home is None:
        raise Http404
    page, args, kwargs = home.route(request, [part for part in path.split("/") if part])
    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for before in hooks.get_hooks("before_serve_page"):
        result = before(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
