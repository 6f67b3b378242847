"""Choosers of articles and categories whose words follow the editor's admin language.

Wagtail composes a chooser's words ("Choose %(object)s") once, when the admin starts,
in the site's default language; these are translated whole, and on each page."""

from __future__ import annotations

from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class NamedChooserViewSet(SnippetChooserViewSet):
    #: choose_one_text, choose_another_text, link_to_chosen_text (lazy translations).
    texts: dict[str, Any] = {}

    @cached_property
    def widget_class(self) -> AdminSnippetChooser:
        return AdminSnippetChooser(model=self.model, icon=self.icon, **self.texts)


class ArticleChooserViewSet(NamedChooserViewSet):
    texts = {
        "choose_one_text": _("Choose an article"),
        "choose_another_text": _("Choose another article"),
        "link_to_chosen_text": _("Edit this article"),
    }


class CategoryChooserViewSet(NamedChooserViewSet):
    texts = {
        "choose_one_text": _("Choose a category"),
        "choose_another_text": _("Choose another category"),
        "link_to_chosen_text": _("Edit this category"),
    }
