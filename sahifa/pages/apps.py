from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "sahifa.pages"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from sahifa.articles import preview
        from sahifa.core import blocks
        from sahifa.pages.context import article_context
        from sahifa.pages.signals import setup_site_after_migrate

        post_migrate.connect(setup_site_after_migrate, sender=self)
        # The site, its home pages and languages: what routing reads from the cache.
        # Wagtail sends a page's signals for its specific class.
        blocks.renew_on_save(
            "site",
            "pages.HomePage",
            "wagtailcore.Site",
            "wagtailcore.Locale",
            "wagtailcore.PageViewRestriction",
        )
        preview.register("pages/article_page.html", article_context)
