"""Where the site answers: the address `sahifa serve` listens on, as a base URL.

Imported by the settings, so it must not import Django."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = "8000"
# Listening on every interface names no address a reader can open: the local one stands in.
WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": DEFAULT_HOST}


def listen_url(host: str, port: str | int) -> str:
    """``http://host:port`` of a listening server; IPv6 addresses in brackets."""
    host = WILDCARDS.get(host.strip(), host.strip())
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def listen_address(environ: Mapping[str, str]) -> tuple[str, str]:
    """The host and port `sahifa serve` listens on by default (``HOST``, ``PORT``)."""
    return environ.get("HOST") or DEFAULT_HOST, environ.get("PORT") or DEFAULT_PORT


def base_url(environ: Mapping[str, str]) -> str:
    """``SAHIFA_BASE_URL``, else the address `sahifa serve` listens on."""
    if explicit := environ.get("SAHIFA_BASE_URL", "").strip():
        return explicit.rstrip("/")
    return listen_url(*listen_address(environ))
