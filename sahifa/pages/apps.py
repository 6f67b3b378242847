from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "sahifa.pages"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from sahifa.pages.signals import setup_site_after_migrate

        post_migrate.connect(setup_site_after_migrate, sender=self)
