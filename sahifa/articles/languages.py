"""Which language a new article is written in: the editor chooses it before writing,
offered the language of the list they came from, else their own admin language."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale

# The add view's query parameter naming the language to offer first (the list's filter).
OFFER = "language"


def content_locale_for(code: str | None) -> Locale | None:
    """The content language an admin language code stands for: the same code, or its
    base language ("en-gb" -> "en"); None when the site has no such language."""
    if not code:
        return None
    code = code.lower()
    locales = {locale.language_code.lower(): locale for locale in Locale.objects.all()}
    return locales.get(code) or locales.get(code.split("-")[0])


def offered_locale(request: HttpRequest) -> Locale:
    """The language the choice starts on."""
    return (
        content_locale_for(request.GET.get(OFFER))
        or content_locale_for(get_language())
        or Locale.get_default()
    )
