"""The purge job: off the request path, after the write committed. A cache that cannot
be reached is tried again a few times (it may be restarting: then it starts empty and
nothing is lost); a publish never waits for it or fails with it.

Each purge is sent twice: at once, and again ``SAHIFA_PURGE_AGAIN_SECONDS`` later. An
app server may still serve the old page for a moment after a purge (its processes
remember purges they read for up to a second); a cache in front that fetched the page
from one of them in that moment would keep the old version for its whole lifetime. The
second purge drops such a copy. The job waits for it itself: huey's schedule looks at
delayed jobs once a second, which could put the second purge past the 3 s readers are
promised.
"""

from __future__ import annotations

import time

from django.conf import settings
from huey.contrib.djhuey import task

from sahifa.edge import purger

ATTEMPTS = 3
RETRY_SECONDS = 5


@task()
def purge_in_front(keys: list[str], urls: list[str] | None = None, attempt: int = 1) -> None:
    targets = settings.SAHIFA_PURGE_URLS if urls is None else urls
    failed = purger.send_to_all(keys, targets)
    reached = [url for url in targets if url not in failed]
    if attempt == 1 and reached and settings.SAHIFA_PURGE_AGAIN_SECONDS > 0:
        time.sleep(settings.SAHIFA_PURGE_AGAIN_SECONDS)
        failed += purger.send_to_all(keys, reached)
    if failed and attempt < ATTEMPTS:
        purge_in_front.schedule((keys, sorted(set(failed)), attempt + 1), delay=RETRY_SECONDS)
