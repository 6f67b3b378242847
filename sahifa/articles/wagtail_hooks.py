"""The newsroom: articles and categories in the Wagtail admin."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    PreviewOnCreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from sahifa.articles.models import Article, Category


class ArticleFilterSet(WagtailFilterSet):
    class Meta:
        model = Article
        fields = ["locale", "category", "live", "is_top_story"]


class ArticleCreateView(CreateView):
    def get_preview_url(self) -> str | None:
        """Tell the preview which language the new article is written in."""
        url = super().get_preview_url()
        if url and self.locale:
            url = f"{url}?{urlencode({'locale': self.locale.language_code})}"
        return url


class ArticlePreviewOnCreateView(PreviewOnCreateView):
    """Wagtail previews an unsaved snippet as a bare instance, without the locale the
    create view gives it; the article page needs one to render."""

    def get_object(self) -> Article:
        article = super().get_object()
        code = self.request.GET.get("locale", "")
        article.locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
        return article


class ArticleViewSet(SnippetViewSet):
    model = Article
    add_view_class = ArticleCreateView
    preview_on_add_view_class = ArticlePreviewOnCreateView
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
