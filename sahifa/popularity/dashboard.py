"""Most read today on the newsroom's dashboard, per language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from sahifa.articles.dashboard import PerLanguagePanel
from sahifa.articles.models import Article
from sahifa.popularity.selectors import most_read

COUNT = 5


class MostReadTodayPanel(PerLanguagePanel):
    name = "most_read_today"
    heading = _("Most read today")
    empty_text = _("No views counted today yet.")
    order = 80

    def articles_in(self, locale: Locale) -> list[Article]:
        return most_read(locale.language_code, 1, COUNT)
