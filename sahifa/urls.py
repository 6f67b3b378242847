from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from sahifa.core import api, health, media
from sahifa.pages import routing

urlpatterns: list[URLPattern | URLResolver] = [
    # For load balancers and monitoring: outside the language prefixes, never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics_view, name="metrics"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("sahifa.popularity.urls")),
    path("api/", include("sahifa.related.urls")),
    path("api/", include("sahifa.search.urls")),
    re_path(r"^api/(?P<path>.*)$", api.not_found),  # JSON, not the site's HTML 404
    path("", include("sahifa.sitemap.urls")),  # robots.txt, sitemap.xml and its parts
    path("", include("sahifa.social.urls")),
]

if settings.SAHIFA_SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media.serve_media),
    ]

# Public pages through `routing.serve` (Wagtail's page view, the site from the cache);
# Wagtail's own URLs keep its `_util/` views (password-protected pages, login).
urlpatterns += i18n_patterns(
    path("", include("sahifa.feeds.urls")),  # /<lang>/feed/, /<lang>/<category>/feed/ ...
    re_path(r"^(?!_util/)(?P<path>(?:[\w\-]+/)*)$", routing.serve, name="sahifa_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "sahifa.core.views.page_not_found"
handler500 = "sahifa.core.views.server_error"
