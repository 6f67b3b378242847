from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "sahifa.languages"
    verbose_name = _("Languages")

    def ready(self) -> None:
        from sahifa.languages import signals

        signals.connect()
