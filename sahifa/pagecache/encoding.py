"""Compressed copies of a kept page (made once, when it is kept) and the one a client
asks for. Only public pages are compressed: a page with a secret in it (a CSRF token,
an editor's name) is never kept, so BREACH has nothing to guess."""

from __future__ import annotations

import gzip
import re

import brotli
from django.http import HttpRequest

IDENTITY, GZIP, BROTLI = "identity", "gzip", "br"
MIN_SIZE = 200  # smaller bodies gain nothing
COMPRESSIBLE = re.compile(r"^(text/|application/(.+\+)?(json|xml|javascript))")
_CODING = re.compile(r"\s*([a-z*]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.IGNORECASE)


def bodies(content: bytes, content_type: str) -> dict[str, bytes]:
    """The body as is, and gzip and Brotli copies when it is worth compressing."""
    found = {IDENTITY: content}
    if len(content) >= MIN_SIZE and COMPRESSIBLE.match(content_type):
        found[GZIP] = gzip.compress(content, compresslevel=6, mtime=0)
        # Quality 5: most of Brotli's gain for a fraction of the top quality's time.
        found[BROTLI] = brotli.compress(content, quality=5, mode=brotli.MODE_TEXT)
    return found


def accepted(request: HttpRequest) -> set[str]:
    """The content codings the client accepts (q=0 refuses one)."""
    codings = set()
    for part in request.headers.get("Accept-Encoding", "").split(","):
        match = _CODING.match(part)
        if match and (match.group(2) is None or _quality(match.group(2)) > 0):
            codings.add(match.group(1).lower())
    return codings


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def tagged(etag: str, coding: str) -> str:
    """The entity tag of one coding of a page: each coding is its own representation, so
    a cache or browser holding the gzip copy never revalidates it against the Brotli one."""
    if coding == IDENTITY or not etag.endswith('"'):
        return etag
    return f'{etag[:-1]}-{coding}"'


def choose(request: HttpRequest, available: dict[str, bytes]) -> str:
    """Brotli when asked for, else gzip, else the body as is."""
    wanted = accepted(request)
    for coding in (BROTLI, GZIP):
        if coding in available and (coding in wanted or "*" in wanted):
            return coding
    return IDENTITY
