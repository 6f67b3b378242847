from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatedConfig(AppConfig):
    name = "sahifa.related"
    verbose_name = _("Similar news")

    def ready(self) -> None:
        from sahifa.related import signals

        signals.connect()
