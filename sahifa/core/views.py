"""The site's own 404 and 500 pages, in the language of the URL."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    html = loader.render_to_string("404.html", {"language_code": get_language()}, request=request)
    return HttpResponseNotFound(html)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: this must render when everything else fails.
    html = loader.get_template("500.html").render({"language_code": get_language()})
    return HttpResponseServerError(html)
