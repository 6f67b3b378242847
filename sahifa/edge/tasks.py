"""The purge job: off the request path, after the write committed. A cache that cannot
be reached is tried again a few times (it may be restarting: then it starts empty and
nothing is lost); a publish never waits for it or fails with it."""

from __future__ import annotations

from django.conf import settings
from huey.contrib.djhuey import task

from sahifa.edge import purger

ATTEMPTS = 3
RETRY_SECONDS = 5


@task()
def purge_in_front(keys: list[str], urls: list[str] | None = None, attempt: int = 1) -> None:
    failed = purger.send_to_all(keys, settings.SAHIFA_PURGE_URLS if urls is None else urls)
    if failed and attempt < ATTEMPTS:
        purge_in_front.schedule((keys, failed, attempt + 1), delay=RETRY_SECONDS)
