from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "sahifa.articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from sahifa.articles import signals

        signals.connect()
