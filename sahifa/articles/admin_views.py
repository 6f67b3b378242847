"""The newsroom's views for articles and categories: Wagtail's snippet views, with every
write made through the write path (`actions`), one change event per request."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.http import HttpResponse
from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.views import snippets

from sahifa.articles import actions, events
from sahifa.articles.models import Article


class WritePathMixin:
    """Create and edit (and revert to a revision): the save, then the publish the editor
    asked for, told as one change event."""

    request: Any
    new_revision: Any
    object: Any

    def form_valid(self, form: Any) -> HttpResponse:
        with events.batch(actions.ADMIN):
            return super().form_valid(form)  # type: ignore[misc]

    def save_instance(self) -> Any:
        return actions.save_from_form(super().save_instance, via=actions.ADMIN)  # type: ignore[misc]

    def publish_action(self) -> HttpResponse | None:
        # As Wagtail's own, with the publish made by the write path.
        for hook, publish in (("before_publish", False), ("after_publish", True)):
            if publish:
                actions.publish(self.new_revision, user=self.request.user, via=actions.ADMIN)
            response = self.run_hook(hook, self.request, self.object)  # type: ignore[attr-defined]
            if response is not None:
                return response
        return None


class ArticleCreateView(WritePathMixin, snippets.CreateView):
    def get_preview_url(self) -> str | None:
        """Tell the preview which language the new article is written in."""
        url = super().get_preview_url()
        if url and self.locale:
            url = f"{url}?{urlencode({'locale': self.locale.language_code})}"
        return url


class ArticlePreviewOnCreateView(snippets.PreviewOnCreateView):
    """Wagtail previews an unsaved snippet as a bare instance, without the locale the
    create view gives it; the article page needs one to render."""

    def get_object(self) -> Article:
        article = super().get_object()
        code = self.request.GET.get("locale", "")
        article.locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
        return article


class CreateView(WritePathMixin, snippets.CreateView):
    pass


class EditView(WritePathMixin, snippets.EditView):
    pass


class DeleteView(snippets.DeleteView):
    def delete_action(self) -> None:
        actions.delete([self.object], user=self.request.user, via=actions.ADMIN)


class UnpublishView(snippets.UnpublishView):
    def unpublish(self) -> HttpResponse | None:
        # As Wagtail's own, with each unpublish made by the write path.
        response = self.run_hook("before_unpublish", self.request, self.object)
        if response is not None:
            return response
        with events.batch(actions.ADMIN):
            for item in self.objects_to_unpublish:
                actions.unpublish(item, user=self.request.user, via=actions.ADMIN)
        return self.run_hook("after_unpublish", self.request, self.object)


# A Wagtail hook name: a function (query text -> article ids) that searches articles for
# the newsroom's list. The search app registers the site's engine; without one, the list
# matches the text in the columns below.
SEARCH_HOOK = "sahifa_search_articles"
SEARCHED_COLUMNS = ("headline", "lead", "body", "byline", "uri")


class ArticleIndexView(snippets.IndexView):
    """The article list, searched by the site's search engine (any language and state)
    rather than Wagtail's own index."""

    def search_queryset(self, queryset: Any) -> Any:
        if not self.is_searching:
            return queryset
        for find in hooks.get_hooks(SEARCH_HOOK):
            return queryset.filter(pk__in=find(self.search_query))
        anywhere = Q()
        for column in SEARCHED_COLUMNS:
            anywhere |= Q(**{f"{column}__icontains": self.search_query})
        return queryset.filter(anywhere)
