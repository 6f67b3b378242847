"""The public site: one routable home page per language serves every news page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category, FormerSlug
from sahifa.core.urls import site_path
from sahifa.pagecache import keys
from sahifa.pages import context as page_context
from sahifa.search import ratelimit as search_ratelimit
from sahifa.search import views as search_views


class HomePage(RoutablePageMixin, Page):
    """A language's front page; its routes serve categories, lists and articles."""

    max_count_per_parent = 1
    subpage_types: list[str] = []
    template = "pages/home_page.html"

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    def get_view_restrictions(self):
        # Public requests get the page from the cache with these (sahifa.pages.routing).
        kept = getattr(self, "public_view_restrictions", None)
        return super().get_view_restrictions() if kept is None else kept

    def get_context(self, request: HttpRequest, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.home_context(request, self.language_code))
        return context

    @path("")
    def home(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("latest/", name="latest")
    @re_path(r"^latest/page/(?P<number>[0-9]{1,9})/$", name="latest_page")
    def latest(self, request: HttpRequest, number: str | None = None) -> HttpResponse:
        base = site_path(self.language_code, "latest")
        if number is not None and int(number) == 1:
            return redirect(base, permanent=True)
        language_code = self.language_code
        context = page_context.list_context(
            request,
            language_code,
            lambda: selectors.published_in(language_code),
            int(number or 1),
            base,
        )
        if number is None:  # the first page: purged on every change of the language
            keys.tag(request, keys.latest(self.language_code))
        return self._render(request, "pages/latest_page.html", context)

    @path("search/", name="search")
    def search_results(self, request: HttpRequest) -> HttpResponse:
        context = page_context.chrome_context(request, self.language_code)
        if not search_ratelimit.allowed(request):
            response = self._render(request, "pages/search_busy.html", context)
            response.status_code = 429
            response["Retry-After"] = "60"
            return response
        search_views.results_context(request, self.language_code, context)
        return self._render(request, "pages/search_page.html", context)

    @re_path(r"^(?P<category_slug>[-\w]+)/$", name="category")
    @re_path(r"^(?P<category_slug>[-\w]+)/page/(?P<number>[0-9]{1,9})/$", name="category_page")
    def category(
        self, request: HttpRequest, category_slug: str, number: str | None = None
    ) -> HttpResponse:
        context = page_context.chrome_context(request, self.language_code)
        category = page_context.find_category(context, category_slug)
        if number is not None and int(number) == 1:
            return redirect(category.get_url(), permanent=True)
        context.update(category=category, current_category=category)
        if number is None:  # the first page: purged on changes of its articles
            keys.tag(request, keys.category(self.language_code, category.pk))
        page_context.list_context(
            request,
            self.language_code,
            lambda: selectors.published().filter(category_id=category.pk),
            int(number or 1),
            category.get_url(),
            context,
        )
        return self._render(request, "pages/category_page.html", context)

    @re_path(r"^(?P<category_slug>[-\w]+)/(?P<slug>[-\w]+)/$", name="article")
    def article(self, request: HttpRequest, category_slug: str, slug: str) -> HttpResponse:
        article = page_context.published_article(self.language_code, self.locale_id, slug)
        if article is None:
            # A slug the article was published under before an editor changed it.
            former = (
                FormerSlug.objects.filter(locale_id=self.locale_id, slug=slug)
                .values_list("article_id", flat=True)
                .first()
            )
            articles = selectors.published().filter(locale_id=self.locale_id)
            article = selectors.one(articles.filter(pk=former)) if former else None
            if article is None:
                raise Http404
            return redirect(article.get_url(), permanent=True)
        if article.category.slug != category_slug:
            return redirect(article.get_url(), permanent=True)
        context = page_context.article_context(request, article)
        return self._render(request, "pages/article_page.html", context)

    def _render(self, request: HttpRequest, template: str, context: dict) -> TemplateResponse:
        context.setdefault("page", self)
        context.setdefault("self", self)
        return TemplateResponse(request, template, context)


__all__ = ["HomePage", "Article", "Category"]
