"""The job queue's share of view counting: a once-a-minute safety-net flush (the web
processes flush every few seconds themselves; huey's schedule cannot go below a minute)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahifa.popularity.flush import flush


@db_periodic_task(crontab(minute="*"))
def flush_views() -> None:
    flush()
