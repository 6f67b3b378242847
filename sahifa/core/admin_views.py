"""The admin's view of the job worker (Reports → Job worker): each periodic job's last
run, when it last succeeded and failed, and a warning when no periodic job has finished
for a while (the worker is stopped, or stuck). Staff with the view permission of
"periodic job runs" (superusers) see it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from sahifa.core.models import JobRun

PERMISSIONS = ModelPermissionPolicy(JobRun)
# The shortest schedule is every minute: this long without a finished run is news.
STALE_AFTER = timedelta(minutes=5)


class JobWorkerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return PERMISSIONS.user_has_permission(request.user, "view")


def outcome(run: JobRun) -> str:
    return _("Succeeded") if run.last_succeeded else _("Failed")


def duration(run: JobRun) -> str:
    if run.last_duration is None:
        return ""
    return _("%(seconds).1f s") % {"seconds": run.last_duration}


class JobWorkerReport(ReportView):
    page_title = gettext_lazy("Job worker")
    header_icon = "cogs"
    permission_policy = PERMISSIONS
    any_permission_required = ["view"]
    index_url_name = "job_worker"
    index_results_url_name = "job_worker_results"
    columns = [
        Column("name", label=gettext_lazy("Job")),
        DateColumn("last_finished_at", label=gettext_lazy("Last run")),
        Column("outcome", label=gettext_lazy("Outcome"), accessor=outcome),
        Column("duration", label=gettext_lazy("Took"), accessor=duration),
        DateColumn("last_success_at", label=gettext_lazy("Last success")),
        DateColumn("last_failure_at", label=gettext_lazy("Last failure")),
        Column("runs", label=gettext_lazy("Runs")),
        Column("failures", label=gettext_lazy("Failures")),
        Column("last_error", label=gettext_lazy("Last error")),
    ]
    list_export = ["name", "last_started_at", "last_finished_at", "last_succeeded",
                   "last_duration", "last_success_at", "last_failure_at", "runs", "failures",
                   "last_error"]  # fmt: skip

    def get_filename(self) -> str:
        return "job-worker"

    def get_base_queryset(self) -> QuerySet[JobRun]:
        return JobRun.objects.order_by("name")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.results_only:
            warn_when_idle(request)
        return super().get(request, *args, **kwargs)


def warn_when_idle(request: HttpRequest) -> None:
    last = JobRun.objects.aggregate(last=Max("last_finished_at"))["last"]
    if last is None:
        messages.warning(
            request,
            _("No periodic job has run yet: is the job worker (sahifa run_huey) running?"),
        )
    elif timezone.now() - last > STALE_AFTER:
        minutes = int((timezone.now() - last).total_seconds() // 60)
        messages.warning(
            request,
            _(
                "No periodic job has finished for %(minutes)d minutes: the job worker "
                "(sahifa run_huey) may be stopped or stuck."
            )
            % {"minutes": minutes},
        )
