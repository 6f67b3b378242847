"""The newsroom's views for articles and categories: Wagtail's snippet views, with every
write made through the write path (`actions`), one change event per request."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import set_query_params
from wagtail.models import Locale
from wagtail.snippets.views import snippets

from sahifa.articles import actions, categories, events, languages
from sahifa.articles.models import Article

# The create form's hidden field with its key.
CREATION_KEY = "creation_key"


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
        return actions.save_from_form(
            super().save_instance,  # type: ignore[misc]
            via=actions.ADMIN,
            creation_key=self.creation_key_to_claim(),
        )

    def creation_key_to_claim(self) -> uuid.UUID | None:
        return None

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
    """The form carries a key of its own (`actions.save_from_form`): whatever mix of
    saves, autosaves and publishes it sends, it creates one article, and a create that
    finds the article made carries on as an edit of it."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "locale" not in request.GET:
            return self.choose_language()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = self.posted_creation_key
        if key is not None and (article_id := actions.created_by(key)):
            return self.continue_as_edit(article_id)
        try:
            return super().post(request, *args, **kwargs)
        except actions.AlreadyCreated as created:
            return self.continue_as_edit(created.article_id)

    @cached_property
    def posted_creation_key(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.request.POST.get(CREATION_KEY, ""))
        except ValueError:
            return None

    def creation_key_to_claim(self) -> uuid.UUID | None:
        return self.posted_creation_key

    def continue_as_edit(self, article_id: int) -> HttpResponse:
        """Send this request to the edit view of the article the form created."""
        edit_url = reverse(self.edit_url_name, args=[quote(article_id)])
        match = resolve(edit_url)
        response = match.func(self.request, *match.args, **match.kwargs)
        if self.expects_json_response and self.response_is_json(response):
            # As a create's answer: the page's form then posts to the edit view.
            data = json.loads(response.content)
            if data.get("success"):
                hydrate = set_query_params(edit_url, {"_w_hydrate_create_view": "1"})
                data.update(url=edit_url, hydrate_url=hydrate)
                return JsonResponse(data)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["creation_key"] = self.posted_creation_key or uuid.uuid4()
        context["creation_key_name"] = CREATION_KEY
        return context

    def get_initial(self) -> dict[str, Any]:
        """The category is preset (the editor's last one in this language, else the
        language's first), so a draft can be saved before the editor gets to it."""
        initial = super().get_initial()
        if self.locale and (category := categories.default_for(self.request.user, self.locale)):
            initial["category"] = category.pk
        return initial

    def choose_language(self) -> HttpResponse:
        """One visible choice of language before the form (which is then in it)."""
        title = _("New article: choose its language")
        context = {
            "header_title": title,
            "page_title": title,
            "breadcrumbs_items": self.get_breadcrumbs_items(),
            "locales": Locale.objects.order_by("pk"),
            "offered": languages.offered_locale(self.request),
            "action_url": reverse(self.add_url_name),
            "index_url": reverse(self.index_url_name),
        }
        return TemplateResponse(self.request, "articles/admin/choose_language.html", context)

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

    def get_add_url(self) -> str | None:
        """*Add article* asks for the language first, offering the list's own."""
        if not (self.add_url_name and self.user_has_permission("add")):
            return None
        url = reverse(self.add_url_name)
        if code := self.request.GET.get("locale"):
            url = f"{url}?{urlencode({languages.OFFER: code})}"
        return url

    def search_queryset(self, queryset: Any) -> Any:
        if not self.is_searching:
            return queryset
        for find in hooks.get_hooks(SEARCH_HOOK):
            return queryset.filter(pk__in=find(self.search_query))
        anywhere = Q()
        for column in SEARCHED_COLUMNS:
            anywhere |= Q(**{f"{column}__icontains": self.search_query})
        return queryset.filter(anywhere)
