"""How the newsroom's preview shows an article: as the public site renders it. The site
(`pages`) registers its renderer in its `ready()`; articles know nothing of pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sahifa.articles.models import Article

ContextMaker = Callable[["HttpRequest", "Article"], dict[str, Any]]
_renderer: dict[str, Any] = {}


def register(template: str, context: ContextMaker) -> None:
    """The template and the context function that render an article's page."""
    _renderer.update(template=template, context=context)


def template() -> str:
    if "template" not in _renderer:
        raise LookupError("no article page is registered for previews (see articles.preview)")
    return str(_renderer["template"])


def context(request: HttpRequest, article: Article) -> dict[str, Any]:
    template()  # the same clear error when nothing is registered
    maker: ContextMaker = _renderer["context"]
    return maker(request, article)
