"""The newsroom's own pages of core: two-step sign-in (sahifa.core.two_step)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from wagtail import hooks

from sahifa.core import two_step


@hooks.register("register_admin_urls")
def two_step_urls() -> list[Any]:
    return [path("account/two-step/", two_step.two_step, name="sahifa_two_step")]


@hooks.register("register_account_menu_item")
def two_step_menu_item(request: HttpRequest) -> dict[str, str]:
    return two_step.account_menu_item(request)
