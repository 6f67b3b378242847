"""Every request Sahifa makes to another server goes through here: pictures named by an
import, source feeds, the weather service, Telegram.

Each fetch has a deadline for the whole of it (connecting, redirects, headers and body
together: a server that drips its answer a byte at a time is cut off), a limit on the
answer's size (counted after decompression, so a gzip bomb stops at the limit), a small
number of redirects, and refuses private, loopback and link-local addresses unless the
operator allows the host (``SAHIFA_OUTBOUND_ALLOWED_HOSTS``). Names are resolved once and
the connection goes to the address that was checked, so a name that changes its answer
between the check and the connection cannot reach an internal service.

Callers are synchronous (jobs, commands); `fetch_many` runs several fetches at once so
that one slow server never delays the others.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from django.conf import settings
from django.utils.translation import gettext as _
from multidict import CIMultiDict

CHUNK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Sahifa news site"
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A fetch that did not work; the message says what, in words for an operator.
    ``transient``: worth trying again later; ``maybe_sent``: the request went out, so the
    server may have acted on it."""

    def __init__(self, message: str, *, transient: bool = True, maybe_sent: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.maybe_sent = maybe_sent

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Request:
    url: str
    deadline: float  # seconds for the whole fetch
    max_bytes: int
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    json: Any = None
    data: Any = None  # bytes, a dict of form fields, or an `aiohttp.FormData`
    max_redirects: int = 3


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


def fetch(url: str, *, deadline: float, max_bytes: int, **options: Any) -> Answer:
    """One fetch; any status comes back as an `Answer` (the caller decides what a 304 or
    a 404 means), anything else that goes wrong is a `FetchError`."""
    answer = fetch_many([Request(url, deadline, max_bytes, **options)])[0]
    if isinstance(answer, FetchError):
        raise answer
    return answer


def fetch_many(requests: Sequence[Request], concurrency: int = 10) -> list[Answer | FetchError]:
    """The answers to ``requests`` in their order, at most ``concurrency`` at a time."""
    return asyncio.run(_fetch_all(requests, concurrency))


async def _fetch_all(requests: Sequence[Request], concurrency: int) -> list[Answer | FetchError]:
    gate = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(resolver=CheckingResolver(), limit=concurrency)
    async with aiohttp.ClientSession(
        connector=connector, headers={"User-Agent": USER_AGENT}
    ) as session:

        async def one(request: Request) -> Answer | FetchError:
            async with gate:
                try:
                    return await asyncio.wait_for(_fetch(session, request), request.deadline)
                except FetchError as error:
                    return error
                except TimeoutError:
                    return FetchError(
                        _("no whole answer within %(s)g s") % {"s": request.deadline},
                        maybe_sent=True,
                    )

        return list(await asyncio.gather(*(one(request) for request in requests)))


async def _fetch(session: aiohttp.ClientSession, request: Request) -> Answer:
    url, method = request.url, request.method
    for _hop in range(request.max_redirects + 1):
        _check_url(url)
        try:
            async with session.request(
                method,
                url,
                headers=dict(request.headers),
                json=request.json,
                data=request.data,
                allow_redirects=False,
            ) as response:
                location = response.headers.get("Location")
                if response.status in REDIRECTS and location:
                    url = urljoin(url, location)
                    method = "GET" if response.status == 303 else method
                    continue
                content = await _read(response, request.max_bytes)
                return Answer(url, response.status, CIMultiDict(response.headers), content)
        except aiohttp.ClientConnectorError as exc:
            raise _connect_error(exc) from None
        except aiohttp.ClientError as exc:
            raise FetchError(
                _("the connection failed: %(error)s") % {"error": type(exc).__name__},
                maybe_sent=True,
            ) from None
    raise FetchError(_("more than %(n)d redirects") % {"n": request.max_redirects}, transient=False)


async def _read(response: aiohttp.ClientResponse, limit: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit and "Content-Encoding" not in response.headers:
        raise too_big(limit)
    body = bytearray()
    async for chunk in response.content.iter_chunked(CHUNK):
        body += chunk
        if len(body) > limit:
            raise too_big(limit)
    return bytes(body)


def too_big(limit: int) -> FetchError:
    if limit >= 1024 * 1024:
        size = _("%(n)g MB") % {"n": round(limit / (1024 * 1024), 1)}
    else:
        size = _("%(n)d KB") % {"n": max(1, limit // 1024)}
    return FetchError(_("the answer is larger than %(size)s") % {"size": size}, transient=False)


def _connect_error(exc: aiohttp.ClientConnectorError) -> FetchError:
    cause = exc.os_error
    if isinstance(cause, Refused):
        return FetchError(str(cause), transient=False)
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return FetchError(_("the name %(host)s was not found") % {"host": exc.host})
    return FetchError(
        _("could not connect to %(host)s: %(error)s")
        % {"host": exc.host, "error": cause.strerror or type(cause).__name__}
    )


# --- Which addresses may be reached ------------------------------------------------------


class Refused(OSError):
    """An address the site must not reach from outside input."""


def allowed_hosts() -> list[str]:
    return [host.lower() for host in getattr(settings, "SAHIFA_OUTBOUND_ALLOWED_HOSTS", [])]


def is_allowed(host: str, address: Address | None = None) -> bool:
    """Whether the operator allowed ``host`` (by name, address or network) although it is
    private. ``*`` allows every address."""
    for allowed in allowed_hosts():
        if allowed in ("*", host.lower()):
            return True
        if address is not None:
            try:
                if address in ipaddress.ip_network(allowed, strict=False):
                    return True
            except ValueError:
                continue  # a name, not a network
    return False


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_address(host: str, address: Address) -> None:
    if not is_public(address) and not is_allowed(host, address):
        raise Refused(
            _("%(host)s is a private address (%(address)s); an operator may allow it")
            % {"host": host, "address": address}
        )


def _check_url(url: str) -> None:
    """Only http(s); a literal address is checked here, since no name lookup follows."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("not an http(s) address: %(url)s") % {"url": url[:200]}, transient=False)
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    try:
        check_address(parts.hostname, address)
    except Refused as refused:
        raise FetchError(str(refused), transient=False) from None


class CheckingResolver(AbstractResolver):
    """Resolves names as the system does and keeps only the addresses that may be
    reached; the connection is made to one of those."""

    def __init__(self) -> None:
        self._resolver = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._resolver.resolve(host, port, family)
        kept = _keep_allowed(host, results)
        if not kept:
            check_address(host, ipaddress.ip_address(results[0]["host"]))
        return kept

    async def close(self) -> None:
        await self._resolver.close()


def _keep_allowed(host: str, results: Iterable[ResolveResult]) -> list[ResolveResult]:
    kept = []
    for result in results:
        address = ipaddress.ip_address(result["host"])
        if is_public(address) or is_allowed(host, address):
            kept.append(result)
    return kept
