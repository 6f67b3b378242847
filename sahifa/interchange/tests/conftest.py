"""Fixtures of the import/export tests: ninjs items, and a real local HTTP server that
serves pictures (and the site's media) the way outside servers answer, good and bad."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from PIL import Image

from conftest import free_port


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are translated; these tests read them in English."""
    with translation.override("en"):
        yield


def jpeg_bytes(width: int = 64, height: int = 48, color: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


class PictureServer(ThreadingHTTPServer):
    """Serves `PictureHandler` and keeps every path requested from it."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, PictureHandler)
        self.requests: list[str] = []


class PictureHandler(BaseHTTPRequestHandler):
    """/pic/NAME.jpg a real JPEG; /page.html HTML; /fake.jpg text sent as an image;
    /slow.jpg answers after 3 s; /huge.jpg declares 1 GB; /media/... the site's media;
    anything else 404. Every request path is recorded on the server."""

    server: PictureServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.requests.append(self.path)
        path = self.path.split("?")[0]
        if path.startswith("/pic/"):
            self._send(200, "image/jpeg", jpeg_bytes(color=path[5:].split(".")[0] or "navy"))
        elif path == "/page.html":
            self._send(200, "text/html; charset=utf-8", b"<html><body>Not a picture</body></html>")
        elif path == "/fake.jpg":
            self._send(200, "image/jpeg", b"this is text pretending to be a JPEG")
        elif path == "/slow.jpg":
            time.sleep(3)
            self._send(200, "image/jpeg", jpeg_bytes())
        elif path == "/trickle.jpg":
            self._trickle(jpeg_bytes())
        elif path == "/huge.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(1024**3))
            self.end_headers()
        elif path.startswith("/media/") and (media := self._media(path)):
            self._send(200, "image/jpeg", media.read_bytes())
        else:
            self._send(404, "text/plain", b"not found")

    def _trickle(self, body: bytes) -> None:
        """A byte every 0.3 s: each read is quick, the whole answer never is."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _media(self, path: str) -> Path | None:
        file = (Path(settings.MEDIA_ROOT) / path.removeprefix("/media/")).resolve()
        inside = Path(settings.MEDIA_ROOT).resolve() in file.parents
        return file if inside and file.is_file() else None

    def _send(self, status: int, kind: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer gave up first (timeouts)

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Served:
    url: str
    requests: list[str]


@pytest.fixture
def picture_server(loopback_fetches) -> Iterator[Served]:
    """A real HTTP server on 127.0.0.1 (see `PictureHandler`): its URL and the paths
    requested from it."""
    server = PictureServer(("127.0.0.1", 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}", server.requests)
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url(loopback_fetches) -> str:
    """A URL on a port nobody listens on: a server that is down."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def fast_picture_timeout(settings) -> None:
    settings.SAHIFA_IMPORT_PICTURE_TIMEOUT = 1


def ninjs(**fields: Any) -> dict[str, Any]:
    """A complete, valid ninjs item; keyword arguments replace or (None) drop fields."""
    item: dict[str, Any] = {
        "uri": "urn:test:article:1",
        "headline": "Talks reach a February deadline",
        "description_text": "Both sides agreed to meet again.",
        "body_html": "<p>The talks ended late on Friday.</p><p>They resume in February.</p>",
        "language": "en",
        "firstcreated": "2025-01-30T09:47:00+05:00",
        "versioncreated": "2025-01-30T10:15:00+05:00",
        "subject": [{"name": "World", "code": "world"}],
        "byline": "Staff reporter",
    }
    item.update(fields)
    return {k: v for k, v in item.items() if v is not None}


def lines(*items: dict[str, Any] | str) -> list[str]:
    """JSON lines of items (strings are taken as raw lines)."""
    return [i if isinstance(i, str) else json.dumps(i, ensure_ascii=False) for i in items]
