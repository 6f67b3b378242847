"""The newsroom's own pages of core: the job worker's report (Reports → Job worker)
and two-step sign-in (sahifa.core.two_step)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sahifa.core import admin_views, two_step


@hooks.register("register_admin_urls")
def job_worker_urls() -> list[Any]:
    view = admin_views.JobWorkerReport
    return [
        path("reports/job-worker/", view.as_view(), name="job_worker"),
        path(
            "reports/job-worker/results/",
            view.as_view(results_only=True),
            name="job_worker_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def job_worker_menu_item() -> admin_views.JobWorkerMenuItem:
    return admin_views.JobWorkerMenuItem(
        _("Job worker"), reverse("job_worker"), name="job-worker", icon_name="cogs", order=1400
    )


@hooks.register("register_admin_urls")
def two_step_urls() -> list[Any]:
    return [path("account/two-step/", two_step.two_step, name="sahifa_two_step")]


@hooks.register("register_account_menu_item")
def two_step_menu_item(request: HttpRequest) -> dict[str, str]:
    return two_step.account_menu_item(request)
