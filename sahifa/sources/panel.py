"""The dashboard's Incoming panel: how many items wait, and the newest few."""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.components import Component

from sahifa.sources.admin_views import waiting

SHOWN = 5


class IncomingPanel(Component):
    name = "sources_incoming"
    template_name = "sources/admin/panel.html"
    order = 110

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        items = waiting().order_by("-published_at", "-pk")
        return {"count": items.count(), "items": list(items[:SHOWN])}
