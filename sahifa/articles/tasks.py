"""Periodic jobs of the articles app (indexing.py has the indexing job)."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahifa.articles import actions


@db_periodic_task(crontab(minute="*"))
def publish_scheduled() -> None:
    """Unpublish expired articles and publish those whose go-live minute has come, through
    the write path; then Wagtail's own command for the rest (pages)."""
    actions.expire_due()
    actions.publish_due()
    call_command("publish_scheduled")
