"""The names glossary in the admin, the warnings on save, and the language actions."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sahifa.articles.models import Article
from sahifa.languages import views
from sahifa.languages.admin_messages import (
    CHECKED_MODELS,
    tell_cyrillic_status,
    tell_translation_status,
    warn_about_names,
)
from sahifa.languages.models import GlossaryTerm


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Names glossary")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["uz", "uz_cyrl", "ru", "en"]
    search_fields = ["uz", "uz_cyrl", "ru", "en", "variants"]


register_snippet(GlossaryViewSet)


@hooks.register("register_admin_urls")
def language_admin_urls():
    return [
        path(
            "languages/regenerate/<str:model_name>/<int:pk>/",
            views.regenerate,
            name="languages_regenerate",
        ),
        path(
            "languages/glossary-fix/<str:model_name>/<int:pk>/",
            views.glossary_fix,
            name="languages_glossary_fix",
        ),
    ]


@hooks.register("before_edit_snippet")
def show_language_status(request, instance):
    if request.method != "GET":
        return
    if isinstance(instance, Article):
        tell_translation_status(request, instance)
    if isinstance(instance, CHECKED_MODELS):
        tell_cyrillic_status(request, instance)


def _after_save(request, instance):
    # The Cyrillic edition follows the change event of the save (signals.py).
    if isinstance(instance, CHECKED_MODELS):
        warn_about_names(request, instance)


hooks.register("after_create_snippet", _after_save)
hooks.register("after_edit_snippet", _after_save)
