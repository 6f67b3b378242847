"""The edit form's check of how the article travels: headline counters with warnings
where search results or link cards cut it, and the link card Telegram and Facebook
will show, kept up to date as the editor types (`static/articles/link-card.js`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import HelpPanel

# Search results (Google News among them) show a headline up to about 110 characters.
SEARCH_TITLE_LIMIT = 110
# Link cards (Telegram's previews, Facebook's posts) may cut a title past about 88.
CARD_TITLE_LIMIT = 88
# The description the site gives a link card (social.meta.DESCRIPTION_LIMIT).
CARD_DESCRIPTION_LIMIT = 200


def texts() -> dict[str, str]:
    """The script's words, in the editor's admin language."""
    return {
        "count": _("%(count)s characters"),
        "search": _("Longer than %(limit)s characters: search results cut it."),
        "card": _("Longer than %(limit)s characters: link cards may cut it."),
        "noTitle": _("(the headline will show here)"),
    }


class LinkCardPanel(HelpPanel):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("template", "articles/admin/link_card_panel.html")
        kwargs.setdefault("heading", gettext_lazy("Link card"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        class Media:
            js = ["articles/link-card.js"]
            css = {"all": ["articles/link-card.css"]}

        def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Any:
            context = super().get_context_data(parent_context)
            context.update(
                texts=texts(),
                limits={
                    "search": SEARCH_TITLE_LIMIT,
                    "card": CARD_TITLE_LIMIT,
                    "description": CARD_DESCRIPTION_LIMIT,
                },
                site_name=settings.WAGTAIL_SITE_NAME,
                host=urlsplit(settings.SAHIFA_BASE_URL).netloc,
            )
            return context
