"""Telegram in the admin: the reports and their menu entries, and the post's status on
an article's edit page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sahifa.articles.models import Article
from sahifa.telegram import admin_views


@hooks.register("register_admin_urls")
def telegram_admin_urls() -> list[Any]:
    urls = []
    for name, view in (
        ("posts", admin_views.PostsReport),
        ("channels", admin_views.ChannelsReport),
    ):
        urls += [
            path(f"reports/telegram-{name}/", view.as_view(), name=f"telegram_{name}"),
            path(
                f"reports/telegram-{name}/results/",
                view.as_view(results_only=True),
                name=f"telegram_{name}_results",
            ),
        ]
    return urls


@hooks.register("register_reports_menu_item")
def telegram_posts_menu_item() -> admin_views.ReportMenuItem:
    return admin_views.ReportMenuItem(
        _("Telegram posts"), reverse("telegram_posts"), name="telegram-posts", icon_name="mail",
        order=1300,
    )  # fmt: skip


@hooks.register("register_reports_menu_item")
def telegram_channels_menu_item() -> admin_views.ReportMenuItem:
    return admin_views.ReportMenuItem(
        _("Telegram channels"), reverse("telegram_channels"), name="telegram-channels",
        icon_name="mail", order=1310,
    )  # fmt: skip


@hooks.register("before_edit_snippet")
def show_telegram_status(request: HttpRequest, instance: Any) -> None:
    if request.method == "GET" and isinstance(instance, Article):
        admin_views.tell_post_status(request, instance)
