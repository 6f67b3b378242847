"""The periodic job: every minute, poll the sources that are due.

The poller (NumPy for the duplicate signatures, the feed readers) is imported by the job
itself, so a web process that only loads this module never loads it."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def poll_sources() -> None:
    from sahifa.sources import polling

    polling.poll_due()
