"""What the newsroom is told when it edits an item: names spelled against the glossary,
and a Cyrillic version that no longer follows its Latin one."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale

from sahifa.articles.models import Article, Category
from sahifa.languages import sync
from sahifa.languages.glossary import Finding, Glossary

CHECKED_MODELS = (Article, Category)


def text_values(item) -> dict[str, str]:
    """The item's text fields by name (the ones transliteration writes)."""
    return {name: getattr(item, name) or "" for name in sync.TEXT_FIELDS[type(item)]}


def glossary_findings(item) -> list[Finding]:
    return Glossary.for_language(item.locale.language_code).findings(text_values(item))


def model_key(item) -> str:
    return type(item)._meta.model_name


def warn_about_names(request: HttpRequest, item) -> None:
    findings = glossary_findings(item)
    if not findings:
        return
    listed = format_html_join(
        ", ",
        "“{}” → “{}” ({})",
        (
            (f.found, f.preferred, type(item)._meta.get_field(f.field).verbose_name)
            for f in findings
        ),
    )
    fix_url = reverse("languages_glossary_fix", args=[model_key(item), item.pk])
    messages.warning(
        request,
        format_html(_("Names not spelled as the glossary has them: {}."), listed),
        buttons=[messages.button(fix_url, _("Use the glossary spelling"))],
    )


def tell_cyrillic_status(request: HttpRequest, item) -> None:
    if item.locale.language_code != sync.CYRILLIC:
        return
    state = sync.status(item)
    if state.source is None:
        return
    url = reverse("languages_regenerate", args=[model_key(item), item.pk])
    button = [messages.button(url, _("Regenerate from the Latin version"))]
    if state.hand_edited and state.out_of_step:
        messages.warning(
            request,
            _(
                "This Cyrillic version was edited by hand and the Uzbek Latin version has "
                "changed since: they are out of step."
            ),
            buttons=button,
        )
    elif state.hand_edited:
        messages.info(
            request,
            _("This Cyrillic version was edited by hand: Latin changes no longer reach it."),
            buttons=button,
        )
    else:
        messages.info(
            request, _("This Cyrillic version is made from the Uzbek Latin one and follows it.")
        )


def tell_translation_status(request: HttpRequest, item: Article) -> None:
    """In how many of the site's languages the article exists (each one linked), and
    *Translate* while some language is missing."""
    versions = list(item.get_translations(inclusive=True).select_related("locale"))
    total = Locale.objects.count()
    finder = AdminURLFinder(request.user)
    buttons = [
        messages.button(finder.get_edit_url(version) or "", version.locale.get_display_name())
        for version in versions
        if version.pk != item.pk
    ]
    if len(versions) < total and request.user.has_perm("wagtail_localize.submit_translation"):
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["articles", "article", quote(item.pk)],
        )
        buttons.insert(0, messages.button(url, _("Translate")))
    status = _("This article is in %(count)d of %(total)d languages.") % {
        "count": len(versions),
        "total": total,
    }
    messages.info(request, status, buttons=buttons)
