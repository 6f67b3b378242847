from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "sahifa.social"
    verbose_name = _("Social cards and icons")

    def ready(self) -> None:
        from sahifa.social import signals

        signals.connect()
