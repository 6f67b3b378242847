from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdgeConfig(AppConfig):
    """Caches in front of the site (Varnish, a CDN): purges by surrogate key."""

    name = "sahifa.edge"
    verbose_name = _("Caches in front")
