"""Who sent a request: the client's address, believing X-Forwarded-For only from the
site's own proxies (SAHIFA_TRUSTED_PROXIES). View counting and the sign-in limits use the
same rule, so a proxy's address is never mistaken for one client and a client cannot
pass for another by writing the header itself."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest


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


def request_address(request: HttpRequest) -> str:
    """`client_address` of a Django request (django-axes calls this)."""
    return client_address(request.META)
