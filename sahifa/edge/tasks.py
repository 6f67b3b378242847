"""The purge job: off the request path, after the write committed. A cache that cannot
be reached is tried again a few times (it may be restarting: then it starts empty and
nothing is lost); a publish never waits for it or fails with it.

Each purge is sent twice: at once, and again ``SAHIFA_PURGE_AGAIN_SECONDS`` later. An
app server may still serve the old page for a moment after a purge (its processes
remember purges they read for up to a second); a cache in front that fetched the page
from one of them in that moment would keep the old version for its whole lifetime. The
second purge drops such a copy."""

from __future__ import annotations

from django.conf import settings
from huey.contrib.djhuey import task

from sahifa.edge import purger

ATTEMPTS = 3
RETRY_SECONDS = 5


@task()
def purge_in_front(
    keys: list[str], urls: list[str] | None = None, attempt: int = 1, again: bool = True
) -> None:
    targets = settings.SAHIFA_PURGE_URLS if urls is None else urls
    failed = purger.send_to_all(keys, targets)
    if failed and attempt < ATTEMPTS:
        purge_in_front.schedule((keys, failed, attempt + 1, False), delay=RETRY_SECONDS)
    delay = settings.SAHIFA_PURGE_AGAIN_SECONDS
    reached = [url for url in targets if url not in failed]
    if again and delay > 0 and reached:
        purge_in_front.schedule((keys, reached, 1, False), delay=delay)
