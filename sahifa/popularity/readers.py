"""Who sent a beacon: the client address (believing X-Forwarded-For only from our own
proxies), whether it is a bot or a prefetch, and the private keys that stand for a reader.

Nothing here is stored as is: readers and clients are keyed by a keyed hash whose salt
is random per day and forgotten two days later, so a stored key cannot be traced back
to an address or a browser."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from crawlerdetect import CrawlerDetect

from sahifa.core.clients import client_address

__all__ = [
    "address_article_key",
    "client_address",
    "client_key",
    "is_bot",
    "is_speculative",
    "reader_key",
]

_crawlers = CrawlerDetect()

# Headers browsers send with speculative loads (prefetch / prerender) of a page.
_PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """True for crawlers, scripts and clients that do not say who they are."""
    user_agent = user_agent.strip()
    return not user_agent or _crawlers.is_crawler(user_agent)


def is_speculative(meta: Mapping[str, Any]) -> bool:
    """True for prefetch and prerender requests (``meta``: WSGI environ or
    request.META): nobody is reading yet."""
    return any(
        "prefetch" in meta.get(h, "").lower() or "prerender" in meta.get(h, "").lower()
        for h in _PURPOSE_HEADERS
    )


def reader_key(salt: bytes, client: str, user_agent: str, article_id: int) -> str:
    """One reader reading one article, on one day's salt."""
    data = f"{client}\n{user_agent}\n{article_id}".encode("utf-8", "replace")
    return hashlib.blake2b(data, key=salt, digest_size=16).hexdigest()


def client_key(salt: bytes, client: str) -> str:
    """One client address, for rate limiting, on one day's salt."""
    return hashlib.blake2b(client.encode("utf-8", "replace"), key=salt, digest_size=12).hexdigest()


def address_article_key(salt: bytes, client: str, article_id: int) -> str:
    """One client address reading one article, whatever browsers it claims to be."""
    data = f"{client}\n{article_id}".encode("utf-8", "replace")
    return hashlib.blake2b(data, key=salt, digest_size=16, person=b"address-article").hexdigest()
