"""The newsroom searches articles with the site's engine: the article list's search box,
and an "Articles" area ahead of Pages in the admin's search, which is also where the
sidebar's search box goes (Wagtail sends it to the first area)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.search import SearchArea

from sahifa.articles.admin_views import SEARCH_HOOK
from sahifa.search import engine


@hooks.register(SEARCH_HOOK)
def search_articles(text: str) -> list[int]:
    return engine.newsroom_ids(text)


@hooks.register("register_admin_search_area")
def register_articles_search_area() -> SearchArea:
    return SearchArea(
        _("Articles"),
        reverse("wagtailsnippets_articles_article:list"),
        name="articles",
        icon_name="doc-full",
        order=50,  # before Pages (100): the sidebar searches articles
    )
