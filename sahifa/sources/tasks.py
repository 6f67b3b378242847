"""The periodic job: every minute, poll the sources that are due."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahifa.sources import polling


@db_periodic_task(crontab(minute="*"))
def poll_sources() -> None:
    polling.poll_due()
