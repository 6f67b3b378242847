"""The newsroom's view of Telegram: two reports (Reports → Telegram posts, Telegram
channels) and a line on each posted article's edit page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from sahifa.articles.models import Article
from sahifa.core.timefmt import news_time
from sahifa.telegram.models import PostState, TelegramChannelState, TelegramPost

# Who may see the reports: whoever writes articles.
ARTICLE_PERMISSIONS = ModelPermissionPolicy(Article)
ANY_ARTICLE_PERMISSION = ["add", "change", "publish", "view"]


class ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return ARTICLE_PERMISSIONS.user_has_any_permission(request.user, ANY_ARTICLE_PERMISSION)


class PostFilterSet(WagtailFilterSet):
    class Meta:
        model = TelegramPost
        fields = ["state", "language"]


class TelegramReport(ReportView):
    permission_policy = ARTICLE_PERMISSIONS
    any_permission_required = ANY_ARTICLE_PERMISSION
    header_icon = "mail"


class PostsReport(TelegramReport):
    page_title = gettext_lazy("Telegram posts")
    index_url_name = "telegram_posts"
    index_results_url_name = "telegram_posts_results"
    filterset_class = PostFilterSet
    default_ordering = "-created_at"
    columns = [
        TitleColumn("headline", label=gettext_lazy("Headline"), get_url=lambda post: post.edit_url),
        Column("chat", label=gettext_lazy("Channel")),
        Column("shown_state", label=gettext_lazy("State")),
        DateColumn("posted_at", label=gettext_lazy("Posted at"), sort_key="posted_at"),
        DateColumn("edited_at", label=gettext_lazy("Edited at")),
        Column("last_error", label=gettext_lazy("Last error")),
    ]
    list_export = ["headline", "chat", "language", "state", "message_id", "posted_at",
                   "edited_at", "deleted_at", "attempts", "last_error"]  # fmt: skip

    def get_filename(self) -> str:
        return "telegram-posts"

    def get_base_queryset(self) -> QuerySet[TelegramPost]:
        return TelegramPost.objects.all()

    def decorate_paginated_queryset(self, object_list: Any) -> list[TelegramPost]:
        """Link each post to its article's edit page, when the article still exists."""
        posts = list(object_list)
        existing = set(
            Article.objects.filter(pk__in={p.article_id for p in posts}).values_list(
                "pk", flat=True
            )
        )
        edit = Article.snippet_viewset.get_url_name("edit")
        for post in posts:
            url = reverse(edit, args=[post.article_id]) if post.article_id in existing else None
            post.edit_url = url
        return posts


class ChannelsReport(TelegramReport):
    page_title = gettext_lazy("Telegram channels")
    index_url_name = "telegram_channels"
    index_results_url_name = "telegram_channels_results"
    columns = [
        Column("chat", label=gettext_lazy("Channel")),
        Column("language", label=gettext_lazy("Language")),
        DateColumn("last_success_at", label=gettext_lazy("Last success")),
        Column("failures", label=gettext_lazy("Failures in a row")),
        Column("last_error", label=gettext_lazy("Last error")),
        DateColumn("last_error_at", label=gettext_lazy("Last error at")),
    ]
    list_export = ["chat", "language", "last_success_at", "failures", "last_error",
                   "last_error_at"]  # fmt: skip

    def get_filename(self) -> str:
        return "telegram-channels"

    def get_base_queryset(self) -> QuerySet[TelegramChannelState]:
        return TelegramChannelState.objects.order_by("chat")


def describe(post: TelegramPost) -> tuple[str, bool]:
    """What an editor is told about a post on the article's page; True for a warning."""
    channel, error = post.chat, post.last_error
    when = news_time(post.posted_at or post.claimed_at or post.created_at)
    if post.state == PostState.SENT:
        return _("Posted to Telegram (%(channel)s): %(time)s.") % {
            "channel": channel,
            "time": when,
        }, False
    if post.state == PostState.DELETED and post.deleted_at:
        return _("Its Telegram post (%(channel)s) was deleted: %(time)s.") % {
            "channel": channel,
            "time": news_time(post.deleted_at),
        }, False
    if post.state == PostState.UNKNOWN or post.stalled:
        error = error or _("the job stopped while sending it or recording it")
        return _(
            "The Telegram post (%(channel)s) may have gone out, but that is not known "
            "(%(error)s): check the channel. It is not sent again."
        ) % {"channel": channel, "error": error}, True
    if post.state == PostState.FAILED:
        return _("Could not post to Telegram (%(channel)s): %(error)s.") % {
            "channel": channel,
            "error": error,
        }, True
    if error:
        return _("Not posted to Telegram (%(channel)s) yet, it is tried again: %(error)s.") % {
            "channel": channel,
            "error": error,
        }, True
    return _("Being posted to Telegram (%(channel)s).") % {"channel": channel}, False


def tell_post_status(request: HttpRequest, article: Article) -> None:
    for post in TelegramPost.objects.filter(article_id=article.pk).order_by("pk"):
        text, warning = describe(post)
        (messages.warning if warning else messages.info)(request, text)
