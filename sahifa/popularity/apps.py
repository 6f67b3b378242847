from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PopularityConfig(AppConfig):
    name = "sahifa.popularity"
    label = "popularity"
    verbose_name = _("Popularity")

    def ready(self) -> None:
        from sahifa.core import backup
        from sahifa.popularity.backup import ViewsPart

        backup.register(ViewsPart())
