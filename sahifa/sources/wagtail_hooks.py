"""Sources in the admin: the sources themselves (with their health), the Incoming
view with its actions, and its dashboard panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from sahifa.sources import admin_views
from sahifa.sources.models import Source
from sahifa.sources.panel import IncomingPanel


class SourceEditView(EditView):
    """A new address, format or a source turned back on: polled afresh at the next round
    (no validators of the old answer, no backoff)."""

    def save_instance(self) -> Source:
        afresh = {"url", "kind", "enabled"} & set(self.form.changed_data)
        source = super().save_instance()
        if afresh:
            Source.objects.filter(pk=source.pk).update(
                etag="", last_modified="", failures=0, next_poll_at=timezone.now()
            )
        return source


class SourceViewSet(ModelViewSet):
    model = Source
    edit_view_class = SourceEditView
    icon = "rss"
    menu_label = _("Sources")
    add_to_admin_menu = True
    menu_order = 120
    list_display = ["name", "language", "enabled", "health", "last_polled_at", "items_seen",
                    "items_taken"]  # fmt: skip
    list_filter = ["enabled", "language", "kind"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "url", "kind", "link", "language", "category", "interval",
                           "publish", "enabled", "health", "last_polled_at", "last_success_at",
                           "last_notes", "items_seen", "items_taken", "next_poll_at"]  # fmt: skip
    exclude_form_fields: list[str] = []


@hooks.register("register_admin_viewset")
def register_sources() -> SourceViewSet:
    return SourceViewSet("sources")


@hooks.register("register_admin_urls")
def incoming_urls() -> list[Any]:
    view = admin_views.IncomingView
    return [
        path("incoming/", view.as_view(), name="sources_incoming"),
        path("incoming/results/", view.as_view(results_only=True), name="sources_incoming_results"),
        path("incoming/<int:pk>/", admin_views.item_view, name="sources_item"),
        path("incoming/<int:pk>/take/", admin_views.take, name="sources_take"),
        path("incoming/<int:pk>/dismiss/", admin_views.dismiss, name="sources_dismiss"),
    ]


@hooks.register("register_admin_menu_item")
def incoming_menu_item() -> admin_views.IncomingMenuItem:
    return admin_views.IncomingMenuItem(
        _("Incoming"), reverse("sources_incoming"), name="incoming", icon_name="download",
        order=110,
    )  # fmt: skip


@hooks.register("construct_homepage_panels")
def incoming_panel(request: HttpRequest, panels: list[Any]) -> None:
    if admin_views.can_work_queue(request.user):
        panels.append(IncomingPanel())
