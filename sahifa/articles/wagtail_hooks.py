"""The newsroom: articles and categories in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sahifa.articles import admin_views, choosers, dashboard
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
    create_template_name = "articles/admin/create_article.html"  # the form's creation key
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    unpublish_view_class = admin_views.UnpublishView
    preview_on_add_view_class = admin_views.ArticlePreviewOnCreateView
    chooser_viewset_class = choosers.ArticleChooserViewSet
    icon = "doc-full"
    menu_label = _("Articles")
    list_display = ["headline", "category", "locale", "live", "first_published_at", "view_count"]
    list_per_page = 50
    filterset_class = ArticleFilterSet
    search_fields = list(admin_views.SEARCHED_COLUMNS)
    ordering = ["-first_published_at"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    chooser_viewset_class = choosers.CategoryChooserViewSet
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


@hooks.register("construct_homepage_panels")
def newsroom_dashboard(request, panels):
    panels[:] = [panel for panel in panels if panel.name not in dashboard.PAGE_PANELS]
    panels.extend(dashboard.panels(request))


@hooks.register("construct_homepage_summary_items")
def newsroom_summary(request, items):
    items[:] = [dashboard.ArticlesSummary(request)]
