from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    name = "sahifa.telegram"
    verbose_name = _("Telegram")

    def ready(self) -> None:
        # The start-up check of the settings, and the follower of article changes.
        from sahifa.telegram import checks, signals  # noqa: F401

        signals.connect()
