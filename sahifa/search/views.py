"""The reader's search: what the results page shows (`results_context`, rendered by the
pages app inside the site's chrome) and the suggestions endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sahifa.articles import selectors
from sahifa.articles.models import Article, Category
from sahifa.core.text.analysis import normaliser, plain_text
from sahifa.images import renditions
from sahifa.search import engine, highlight, ratelimit
from sahifa.search.models import SearchWord
from sahifa.search.query import cut

SUGGESTIONS = 8
MIN_PREFIX = 2


@dataclass
class Result:
    article: Article
    headline: SafeString
    snippet: SafeString


@dataclass
class Options:
    text: str
    category: Category | None
    period: str
    order: str
    page: str


def read_options(request: HttpRequest, categories: list[Category]) -> Options:
    get = request.GET
    slug = get.get("category", "")
    category = next((c for c in categories if c.slug == slug), None)
    period = get.get("period", "")
    return Options(
        text=cut(get.get("q", "")),
        category=category,
        period=period if period in engine.PERIODS else "",
        order=engine.NEWEST if get.get("sort") == engine.NEWEST else engine.RELEVANCE,
        page=get.get("page", "1"),
    )


def results_context(request: HttpRequest, language_code: str, context: dict[str, Any]) -> None:
    """Add the query, its options and one page of results to a page's context."""
    options = read_options(request, context["categories"])
    context.update(search=options, periods=period_choices(), query=options.text)
    if not options.text:
        return
    results = engine.search(
        language_code,
        options.text,
        category_id=options.category.pk if options.category else None,
        period=options.period,
        order=options.order,
    )
    paginator = Paginator(results.ids, settings.SAHIFA_PAGE_SIZE)
    page_obj = paginator.get_page(options.page)
    articles = results.shown(list(page_obj))
    selectors.attach_renditions((articles, [renditions.CARD]))
    matches = highlight.matcher(language_code, results.plan.terms())
    shown: list[Any] = [
        Result(
            article,
            highlight.mark(article.headline, matches),
            highlight.passage(f"{article.lead} {plain_text(article.body)}", matches),
        )
        for article in articles
    ]
    page_obj.object_list = shown
    context.update(
        results=results,
        page_obj=page_obj,
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        suggestion=results.plan.suggestion(),
    )


def period_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Any time")),
        ("today", _("Past 24 hours")),
        ("week", _("Past week")),
        ("month", _("Past month")),
    ]


def completions(language: str, text: str) -> list[str]:
    """The query with its last word completed by the index's commonest words."""
    text = cut(text)
    head, _space, last = text.rpartition(" ")
    words = normaliser(language, search=True)(last.lower())
    if not words or len(words[0]) < MIN_PREFIX or not last[-1:].isalpha():
        return []
    prefix = words[0]
    found = (
        SearchWord.objects.filter(language=language, word__gte=prefix, word__lt=prefix + "\uffff")
        .filter(word__startswith=prefix)
        .order_by("-documents")
        .values_list("display", flat=True)[:SUGGESTIONS]
    )
    lead = f"{head} " if head else ""
    return [lead + word for word in found]


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/search/suggest/?q=&lang=: completions of the last word typed."""
    if not ratelimit.allowed(request, "suggest", scale=5):
        return JsonResponse({"error": _("Too many requests.")}, status=429)
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}:
        return JsonResponse({"error": _("Unknown language.")}, status=400)
    text = request.GET.get("q", "")
    return JsonResponse({"query": cut(text), "suggestions": completions(language, text)})
