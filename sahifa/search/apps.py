from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "sahifa.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows the write path's change events.
        from sahifa.search import signals

        signals.connect()
