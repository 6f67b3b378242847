"""The newsroom: articles and categories in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sahifa.articles import admin_views
from sahifa.articles.models import Article, Category


class ArticleFilterSet(WagtailFilterSet):
    class Meta:
        model = Article
        fields = ["locale", "category", "live", "is_top_story"]


class ArticleViewSet(SnippetViewSet):
    model = Article
    # Every write through the write path (admin_views.py).
    index_view_class = admin_views.ArticleIndexView
    add_view_class = admin_views.ArticleCreateView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    unpublish_view_class = admin_views.UnpublishView
    preview_on_add_view_class = admin_views.ArticlePreviewOnCreateView
    icon = "doc-full"
    menu_label = _("Articles")
    list_display = ["headline", "category", "locale", "live", "first_published_at", "view_count"]
    list_per_page = 50
    filterset_class = ArticleFilterSet
    search_fields = list(admin_views.SEARCHED_COLUMNS)
    ordering = ["-first_published_at"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    add_view_class = admin_views.CreateView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale", "sort_order"]


class NewsroomGroup(SnippetViewSetGroup):
    items = (ArticleViewSet, CategoryViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Newsroom")
    menu_name = "newsroom"
    menu_order = 100


register_snippet(NewsroomGroup)
