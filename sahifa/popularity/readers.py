"""Who sent a beacon: the client address (believing X-Forwarded-For only from our own
proxies), whether it is a bot or a prefetch, and the private keys that stand for a reader.

Nothing here is stored as is: readers and clients are keyed by a keyed hash whose salt
is random per day and forgotten two days later, so a stored key cannot be traced back
to an address or a browser."""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from crawlerdetect import CrawlerDetect
from django.conf import settings

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


@lru_cache(maxsize=4)
def _proxies(setting: tuple[str, ...]) -> tuple[frozenset[str], tuple[ipaddress._BaseNetwork, ...]]:
    """Single addresses (compared as text, the common and cheap case) and networks."""
    single, networks = set(), []
    for entry in setting:
        network = ipaddress.ip_network(entry, strict=False)
        if network.num_addresses == 1:
            single.add(str(network.network_address))
        else:
            networks.append(network)
    return frozenset(single), tuple(networks)


def _is_trusted(address: str) -> bool:
    setting = tuple(settings.SAHIFA_TRUSTED_PROXIES)
    if not setting:
        return False
    single, networks = _proxies(setting)
    return address in single or bool(networks) and _in_networks(address, networks)


@lru_cache(maxsize=1024)
def _in_networks(address: str, networks: tuple[ipaddress._BaseNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(meta: Mapping[str, Any]) -> str:
    """The reader's address: REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For
    when the request came through one of SAHIFA_TRUSTED_PROXIES (anyone else can write
    any X-Forwarded-For they like, so it is ignored from them)."""
    address = meta.get("REMOTE_ADDR", "")
    if not _is_trusted(address):
        return address
    hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _is_trusted(hop):
            return hop
        address = hop
    return address


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
