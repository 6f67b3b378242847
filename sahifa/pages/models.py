"""The public site: one routable home page per language serves every news page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category, FormerSlug
from sahifa.pages import context as page_context


class HomePage(RoutablePageMixin, Page):
    """A language's front page; its routes serve categories, lists and articles."""

    max_count_per_parent = 1
    subpage_types: list[str] = []
    template = "pages/home_page.html"

    @property
    def language_code(self) -> str:
        return self.locale.language_code

    def get_context(self, request: HttpRequest, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context.home_context(request, self.language_code))
        return context

    @path("")
    def home(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("latest/", name="latest")
    @re_path(r"^latest/page/(?P<number>\d+)/$", name="latest_page")
    def latest(self, request: HttpRequest, number: str = "1") -> HttpResponse:
        articles = selectors.published_in(self.language_code)
        context = page_context.list_context(request, self.language_code)
        context["page_obj"] = _page(articles, number)
        context["page_base"] = f"/{self.language_code}/latest/"
        return self._render(request, "pages/latest_page.html", context)

    @re_path(r"^(?P<category_slug>[-\w]+)/$", name="category")
    @re_path(r"^(?P<category_slug>[-\w]+)/page/(?P<number>\d+)/$", name="category_page")
    def category(self, request: HttpRequest, category_slug: str, number: str = "1"):
        category = get_object_or_404(
            selectors.categories_in(self.language_code), slug=category_slug
        )
        articles = selectors.published().filter(category=category)
        context = page_context.list_context(request, self.language_code)
        context.update(category=category, page_obj=_page(articles, number))
        context["page_base"] = category.get_url()
        return self._render(request, "pages/category_page.html", context)

    @re_path(r"^(?P<category_slug>[-\w]+)/(?P<slug>[-\w]+)/$", name="article")
    def article(self, request: HttpRequest, category_slug: str, slug: str) -> HttpResponse:
        articles = selectors.published_in(self.language_code)
        article = articles.filter(slug=slug).first()
        if article is None:
            former = (
                FormerSlug.objects.filter(locale_id=self.locale_id, slug=slug)
                .values_list("article_id", flat=True)
                .first()
            )
            article = articles.filter(pk=former).first() if former else None
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


def _page(queryset, number: str):
    """One page of a list; 404 past the last page (and for page 0)."""
    paginator = Paginator(queryset, settings.SAHIFA_PAGE_SIZE, allow_empty_first_page=True)
    try:
        return paginator.page(int(number))
    except (EmptyPage, ValueError) as exc:
        raise Http404 from exc


__all__ = ["HomePage", "Article", "Category"]
