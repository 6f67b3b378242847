"""The newsroom's Incoming view: items of queued sources waiting as drafts (and the
duplicates found among them), newest first, filtered by source, language and category;
each one previewed, taken (opened as a draft to edit) or dismissed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from sahifa.articles import actions
from sahifa.articles.models import Article, Category
from sahifa.articles.richtext import sanitize_body_html
from sahifa.sources.models import ItemState, Language, Source, SourceItem

# Who works the queue: whoever may edit articles.
ARTICLE_PERMISSIONS = ModelPermissionPolicy(Article)
WAITING = (ItemState.QUEUED, ItemState.DUPLICATE)


def can_work_queue(user: Any) -> bool:
    return ARTICLE_PERMISSIONS.user_has_permission(user, "change")


def waiting() -> QuerySet[SourceItem]:
    return SourceItem.objects.filter(state__in=WAITING).select_related(
        "source", "source__category", "duplicate_of", "duplicate_of__source"
    )


class IncomingMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_work_queue(request.user)


class IncomingFilterSet(WagtailFilterSet):
    source = ModelChoiceFilter(queryset=Source.objects.all(), label=gettext_lazy("Source"))
    language = ChoiceFilter(
        choices=[c for c in Language.choices if c[0] != "detect"], label=gettext_lazy("Language")
    )
    category = ModelChoiceFilter(
        field_name="source__category",
        queryset=Category.objects.all(),
        label=gettext_lazy("Category"),
    )
    state = ChoiceFilter(choices=[(s.value, s.label) for s in WAITING], label=gettext_lazy("State"))

    class Meta:
        model = SourceItem
        fields = ["source", "language", "category", "state"]


class ActionsColumn(Column):
    cell_template_name = "sources/admin/item_actions.html"

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class IncomingView(ReportView):
    page_title = gettext_lazy("Incoming")
    header_icon = "download"
    index_url_name = "sources_incoming"
    index_results_url_name = "sources_incoming_results"
    filterset_class = IncomingFilterSet
    default_ordering = "-published_at"
    permission_policy = ARTICLE_PERMISSIONS
    permission_required = "change"
    columns = [
        TitleColumn(
            "headline",
            label=gettext_lazy("Headline"),
            get_url=lambda item: reverse("sources_item", args=[item.pk]),
        ),
        Column("source", label=gettext_lazy("Source")),
        Column("language", label=gettext_lazy("Language")),
        Column("shown_state", label=gettext_lazy("State")),
        DateColumn("published_at", label=gettext_lazy("Published at the source")),
        ActionsColumn("actions", label=gettext_lazy("Take or dismiss")),
    ]

    def get_base_queryset(self) -> QuerySet[SourceItem]:
        return waiting().order_by("-published_at", "-pk")

    def decorate_paginated_queryset(self, object_list: Any) -> list[SourceItem]:
        items = list(object_list)
        for item in items:
            item.shown_state = state_of(item)
        return items


def state_of(item: SourceItem) -> str:
    if item.state == ItemState.DUPLICATE and item.duplicate_of is not None:
        return _("duplicate of “%(headline)s” (%(source)s)") % {
            "headline": item.duplicate_of.headline,
            "source": item.duplicate_of.source.name,
        }
    return str(item.get_state_display())


def item_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview: what the article will say, cleaned as it will be stored."""
    if not can_work_queue(request.user):
        raise PermissionDenied
    item = get_object_or_404(SourceItem.objects.select_related("source"), pk=pk)
    payload = item.payload
    context = {
        "item": item,
        "state": state_of(item),
        "lead": payload.get("description_text", ""),
        "body": sanitize_body_html(payload.get("body_html", "")),
        "waiting": item.state in WAITING,
        "header_icon": "download",
    }
    return render(request, "sources/admin/item.html", context)


@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the item's draft for editing (a duplicate gets its draft written now)."""
    if not can_work_queue(request.user):
        raise PermissionDenied
    item = get_object_or_404(waiting(), pk=pk)
    # Imported here: the writing side (NumPy for signatures) stays out of web processes
    # until an editor takes an item.
    from sahifa.sources import taking

    article = taking.take_now(item)
    if article is None:
        messages.error(request, _("The item could not be taken: %(error)s") % {
            "error": item.problem})  # fmt: skip
        return redirect("sources_incoming")
    edit = Article.snippet_viewset.get_url_name("edit")
    return redirect(reverse(edit, args=[article.pk]))


@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave the item out: its draft (never published) is deleted."""
    if not can_work_queue(request.user):
        raise PermissionDenied
    item = get_object_or_404(waiting(), pk=pk)
    article = item.article
    if article is not None and not article.live:
        actions.delete([article], via=actions.ADMIN, user=request.user)
    SourceItem.objects.filter(pk=item.pk).update(state=ItemState.DISMISSED, article=None)
    messages.success(request, _("“%(headline)s” dismissed.") % {"headline": item.headline})
    return redirect("sources_incoming")
