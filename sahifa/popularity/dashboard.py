"""Most read today on the newsroom's dashboard, per language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from sahifa.articles.dashboard import ArticlePanel, Group
from sahifa.popularity.selectors import most_read

COUNT = 5


class MostReadTodayPanel(ArticlePanel):
    name = "most_read_today"
    heading = _("Most read today")
    empty_text = _("No views counted today yet.")
    order = 80

    def groups(self) -> list[Group]:
        return [
            Group(
                str(locale.get_display_name()),
                [self.row(a) for a in most_read(locale.language_code, 1, COUNT)],
            )
            for locale in Locale.objects.order_by("pk")
        ]
