from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sahifa.core"
    verbose_name = _("Sahifa core")

    def ready(self) -> None:
        from sahifa.core import blocks, jobs

        blocks.connect()
        jobs.connect()
