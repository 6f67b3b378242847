"""A URL configuration for tests: the site's own, plus a view that fails."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest
from django.urls import path

from sahifa.urls import handler404, handler500, urlpatterns  # noqa: F401


def fail(request: HttpRequest):
    raise RuntimeError("a failure for the 500 page test")


urlpatterns = i18n_patterns(path("boom/", fail), prefix_default_language=True) + urlpatterns
