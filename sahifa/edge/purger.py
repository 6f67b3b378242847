"""Purges for caches in front of the site (Varnish with xkey, docs/deploy.md).

The page cache fans each purge out to the purgers in ``SAHIFA_PAGE_PURGERS``; with
``SAHIFA_PURGE_URLS`` set, `VarnishPurger` is one of them. It only queues a job
(`tasks.purge_in_front`): the write that caused the purge has committed already and
never waits for, or fails with, a cache in front.

The job sends ``PURGE /`` with ``xkey-purge: <keys>`` to each address; the shipped
VCL (``deploy/varnish/sahifa.vcl``) drops every page carrying one of the keys.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

import requests
from django.conf import settings

log = logging.getLogger(__name__)
HEADER = "xkey-purge"
# Keys per request: a header line stays well under Varnish's limit (http_req_hdr_len 8k).
KEYS_PER_REQUEST = 100


class VarnishPurger:
    """The page cache's purger for the caches at ``SAHIFA_PURGE_URLS``."""

    def purge(self, keys: Collection[str]) -> None:
        if not keys or not settings.SAHIFA_PURGE_URLS:
            return
        from sahifa.edge import tasks

        tasks.purge_in_front(sorted(keys))


def chunks(keys: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(keys), KEYS_PER_REQUEST):
        yield keys[start : start + KEYS_PER_REQUEST]


def send(url: str, keys: list[str]) -> int:
    """Purge ``keys`` at one cache; the number of pages it dropped (-1: not said).
    Raises `requests.RequestException` when the cache cannot be reached or refuses."""
    dropped = 0
    for part in chunks(keys):
        response = requests.request(
            "PURGE",
            url,
            headers={HEADER: " ".join(part)},
            timeout=settings.SAHIFA_PURGE_TIMEOUT,
            allow_redirects=False,
        )
        response.raise_for_status()
        dropped += _count(response.reason)
    return dropped


def _count(reason: str | None) -> int:
    """The shipped VCL answers "Purged <n>"."""
    words = (reason or "").split()
    return int(words[-1]) if words and words[-1].isdigit() else 0


def send_to_all(keys: list[str], urls: Iterable[str]) -> list[str]:
    """Purge ``keys`` at every cache in ``urls``; the addresses that failed."""
    failed = []
    for url in urls:
        try:
            dropped = send(url, keys)
        except requests.RequestException as error:
            log.warning("purge of %d keys at %s failed: %s", len(keys), url, error)
            failed.append(url)
        else:
            log.info("purged %d keys at %s: %d pages", len(keys), url, dropped)
    return failed
