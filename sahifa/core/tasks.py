"""Periodic jobs of the core site."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def publish_scheduled() -> None:
    """Publish articles whose go-live minute has come; unpublish expired ones."""
    call_command("publish_scheduled")
