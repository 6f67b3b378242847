"""The job worker's report in the admin (Reports → Job worker)."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sahifa.core import admin_views


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
