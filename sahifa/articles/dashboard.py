"""The newsroom's front page (Wagtail's dashboard): what an editor needs at the start of
a shift. Each panel is a small class; other apps add theirs through the same hook
(`construct_homepage_panels`), as `popularity` adds Most read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Revision

from sahifa.articles import selectors
from sahifa.articles.models import Article

# Wagtail's panels about pages: the site's news are articles, not pages.
PAGE_PANELS = frozenset({"recent_edits", "locked_pages"})
ROWS = 10
ROWS_PER_LANGUAGE = 5
SCHEDULED_AHEAD = timedelta(hours=24)
RECENT_HOURS = 6


@dataclass
class Row:
    article: Article
    edit_url: str
    when: datetime | None = None
    note: str = ""


@dataclass
class Group:
    heading: str
    rows: list[Row] = field(default_factory=list)


class ArticlePanel(Component):
    """A dashboard panel listing articles, each linking to its edit page, in groups
    (one untitled group, or one per language)."""

    template_name = "articles/admin/dashboard_panel.html"
    name = ""
    heading: Any = ""
    empty_text: Any = ""
    order = 100

    def __init__(self, request: Any) -> None:
        self.request = request
        self.finder = AdminURLFinder(request.user)

    def groups(self) -> list[Group]:
        raise NotImplementedError

    def get_heading(self) -> str:
        return str(self.heading)

    def row(self, article: Article, when: datetime | None = None, note: str = "") -> Row:
        return Row(article, self.finder.get_edit_url(article) or "", when, note)

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        groups = self.groups()
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.get_heading(),
            "groups": [group for group in groups if group.rows],
            "empty_text": self.empty_text,
        }


def languages() -> list[Locale]:
    return list(Locale.objects.order_by("pk"))


class PerLanguagePanel(ArticlePanel):
    """A panel of one group per language (in the order the languages were made), headed
    by the language's name unless a panel says more."""

    def groups(self) -> list[Group]:
        return [self.language_group(locale) for locale in languages()]

    def language_group(self, locale: Locale) -> Group:
        rows = [self.row(article) for article in self.articles_in(locale)]
        return Group(str(locale.get_display_name()), rows)

    def articles_in(self, locale: Locale) -> Iterable[Article]:
        raise NotImplementedError


class MyDraftsPanel(ArticlePanel):
    name = "my_drafts"
    heading = _("Your drafts")
    empty_text = _("No drafts of yours: articles you save unpublished wait here.")
    order = 50

    def groups(self) -> list[Group]:
        drafts = (
            Article.objects.filter(latest_revision__user_id=self.request.user.pk)
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .select_related("locale", "latest_revision")
            .order_by("-latest_revision__created_at")[:ROWS]
        )
        return [Group("", [self.row(a, a.latest_revision.created_at) for a in drafts])]


class ScheduledPanel(ArticlePanel):
    name = "scheduled_soon"
    heading = _("Scheduled in the next 24 hours")
    empty_text = _("Nothing is scheduled to go live in the next 24 hours.")
    order = 60

    def groups(self) -> list[Group]:
        now = timezone.now()
        revisions = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            approved_go_live_at__range=(now, now + SCHEDULED_AHEAD),
        ).order_by("approved_go_live_at")[:ROWS]
        times = {int(r.object_id): r.approved_go_live_at for r in revisions}
        articles = Article.objects.select_related("locale").in_bulk(list(times))
        rows = [self.row(articles[pk], when) for pk, when in times.items() if pk in articles]
        return [Group("", rows)]


class RecentlyPublishedPanel(PerLanguagePanel):
    name = "recently_published"
    empty_text = _("Nothing was published in the last hours.")
    order = 70

    def get_heading(self) -> str:
        return _("Published in the last %(hours)d hours") % {"hours": RECENT_HOURS}

    def language_group(self, locale: Locale) -> Group:
        since = timezone.now() - timedelta(hours=RECENT_HOURS)
        recent = selectors.published_in(locale.language_code).filter(first_published_at__gte=since)
        count = recent.count()
        heading = ngettext(
            "%(language)s: %(count)d article", "%(language)s: %(count)d articles", count
        ) % {"language": locale.get_display_name(), "count": count}
        rows = [self.row(a, a.first_published_at) for a in recent[:ROWS_PER_LANGUAGE]]
        return Group(heading, rows)


def panels(request: Any) -> Iterable[ArticlePanel]:
    return [MyDraftsPanel(request), ScheduledPanel(request), RecentlyPublishedPanel(request)]


class ArticlesSummary(SummaryItem):
    """The dashboard's summary counts articles (not pages, pictures and documents)."""

    template_name = "articles/admin/summary_articles.html"
    order = 100

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {
            "published": selectors.published().count(),
            "drafts": Article.objects.filter(live=False).count(),
            "list_url": reverse("wagtailsnippets_articles_article:list"),
        }
