from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitemapConfig(AppConfig):
    # Label "sitemap": Django's own sitemaps app is "sitemaps", Wagtail's "wagtailsitemaps".
    name = "sahifa.sitemap"
    verbose_name = _("Sitemaps")
