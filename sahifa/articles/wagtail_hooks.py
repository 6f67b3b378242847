"""The newsroom: articles and categories in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sahifa.articles.models import Article, Category


class ArticleFilterSet(WagtailFilterSet):
    class Meta:
        model = Article
        fields = ["locale", "category", "live", "is_top_story"]


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = _("Articles")
    list_display = ["headline", "category", "locale", "live", "first_published_at", "view_count"]
    list_per_page = 50
    filterset_class = ArticleFilterSet
    search_fields = ["headline", "lead"]
    ordering = ["-first_published_at"]


class CategoryViewSet(SnippetViewSet):
    model = Category
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
