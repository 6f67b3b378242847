"""Admin actions: regenerate a Cyrillic version from the Latin one; put the glossary's
spelling of names into an article or category."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.permission_policies import ModelPermissionPolicy

from sahifa.articles import actions, events
from sahifa.articles.models import Article, Category
from sahifa.languages import sync
from sahifa.languages.admin_messages import glossary_findings, text_values
from sahifa.languages.glossary import Glossary

MODELS: dict[str, type[Article] | type[Category]] = {"article": Article, "category": Category}


def _item_to_change(request: HttpRequest, model_name: str, pk: int) -> Article | Category:
    model = MODELS.get(model_name)
    if model is None:
        raise Http404
    if not ModelPermissionPolicy(model).user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(model.objects.select_related("locale"), pk=pk)


def _edit_url(request: HttpRequest, item) -> str:
    return AdminURLFinder(request.user).get_edit_url(item) or "/admin/"


@require_http_methods(["GET", "POST"])
def regenerate(request: HttpRequest, model_name: str, pk: int) -> HttpResponse:
    item = _item_to_change(request, model_name, pk)
    if item.locale.language_code != sync.CYRILLIC:
        raise Http404
    state = sync.status(item)
    if state.source is None:
        messages.error(request, _("There is no Uzbek Latin version to regenerate from."))
        return redirect(_edit_url(request, item))
    if request.method == "POST":
        with events.batch(actions.ADMIN):
            sync.sync(state.source, force=True)
        messages.success(request, _("The Cyrillic version was regenerated from the Latin one."))
        return redirect(_edit_url(request, item))
    return TemplateResponse(
        request,
        "languages/admin/regenerate.html",
        {
            "item": item,
            "source": state.source,
            "state": state,
            "edit_url": _edit_url(request, item),
        },
    )


@require_http_methods(["GET", "POST"])
def glossary_fix(request: HttpRequest, model_name: str, pk: int) -> HttpResponse:
    item = _item_to_change(request, model_name, pk)
    content = sync.latest_content(item)
    findings = glossary_findings(content)
    if request.method == "POST":
        if findings:
            _apply_glossary(request, item, content)
            messages.success(request, _("Names now spelled as the glossary has them."))
        return redirect(_edit_url(request, item))
    return TemplateResponse(
        request,
        "languages/admin/glossary_fix.html",
        {"item": item, "findings": findings, "edit_url": _edit_url(request, item)},
    )


def _apply_glossary(request: HttpRequest, item, content) -> None:
    """Write the fixed text as the item's new state: a new revision (published when the
    item was live with nothing pending), or the row itself for items without drafts."""
    glossary = Glossary.for_language(item.locale.language_code)
    for name, text in text_values(content).items():
        setattr(content, name, glossary.fix(text))
    if not isinstance(content, Article):
        actions.save_category(content, user=request.user, via=actions.ADMIN)
        return
    was_published = item.live and not item.has_unpublished_changes
    with events.batch(actions.ADMIN):
        revision = actions.save_draft(content, user=request.user, clean=False, via=actions.ADMIN)
        if was_published:
            actions.publish(revision, user=request.user, via=actions.ADMIN)
