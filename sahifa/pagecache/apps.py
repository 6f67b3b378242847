from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "sahifa.pagecache"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from django.core.signals import request_finished, setting_changed

        from sahifa.articles.events import content_changed
        from sahifa.pagecache import middleware, signals

        # After articles' own receiver (it renews the blocks a new render reads).
        content_changed.connect(signals.purge_on_change, dispatch_uid="pagecache-purge")
        setting_changed.connect(signals.settings_changed, dispatch_uid="pagecache-settings")
        signals.connect_site_changes()
        # After core's receiver (connected earlier), which closes the request's set of
        # block generations: a render after the response reads them afresh.
        request_finished.connect(middleware.render_after_response, dispatch_uid="pagecache-after")
