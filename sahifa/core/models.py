"""What the job worker last did with each periodic job, for the admin's "Job worker"
report (written by sahifa/core/jobs.py when a periodic job finishes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    name = models.CharField(_("job"), max_length=200, unique=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True)
    last_succeeded = models.BooleanField(_("last run succeeded"), default=False)
    last_duration = models.FloatField(_("seconds of the last run"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_success_at = models.DateTimeField(_("last success at"), null=True)
    last_failure_at = models.DateTimeField(_("last failure at"), null=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)
    failures = models.PositiveIntegerField(_("failures"), default=0)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
