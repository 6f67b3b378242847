"""A local HTTP server that plays recorded, real-world-shaped feeds (``feeds/``) and the
ways feeds break: 500s, 304s, redirect loops, gzip, slow and huge answers. Tests add
routes and read the requests it received."""

from __future__ import annotations

import contextlib
import gzip
import io
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from PIL import Image

from sahifa.sources.models import Source

FEEDS = Path(__file__).parent / "feeds"
TYPES = {
    ".xml": "application/rss+xml",
    ".json": "application/feed+json",
    ".jsonl": "application/x-ndjson",
    ".html": "text/html; charset=utf-8",
}


def picture(color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""  # answered 304 when the request names it
    gzip: bool = False
    delay: float = 0.0  # seconds before each 1 KB of the body


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/pictures/metro.jpg": Route(picture("teal"), "image/jpeg"),
            "/pictures/park.jpg": Route(picture("olive"), "image/jpeg"),
            "/loop": Route(status=302, headers={"Location": "/loop"}),
        }
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def play(self, name: str, path: str | None = None, **options: Any) -> str:
        """Serve the recorded feed ``name`` (at ``/name`` unless ``path``); its URL."""
        file = FEEDS / name
        options.setdefault("content_type", TYPES[file.suffix])
        path = path or f"/{name}"
        self.routes[path] = Route(file.read_bytes(), **options)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                route = server.routes.get(self.path) or Route(b"not found", "text/plain", 404)
                # The client may give up first.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.answer(route, headers)

            def answer(self, route: Route, headers: dict[str, str]) -> None:
                if route.etag and headers.get("if-none-match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if not route.delay:
                    self.wfile.write(body)
                    return
                for start in range(0, len(body), 1024):
                    time.sleep(route.delay)
                    self.wfile.write(body[start : start + 1024])
                    self.wfile.flush()

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


@pytest.fixture
def feeds(loopback_fetches, settings) -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    settings.SAHIFA_SOURCES_TIMEOUT = 2.0
    settings.SAHIFA_IMPORT_PICTURE_TIMEOUT = 2.0
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def make_source(make_category):
    def make(url: str, name: str = "Daryo", language: str = "uz", **fields: Any) -> Source:
        category = fields.pop("category", None) or make_category(
            "uz" if language == "detect" else language, "world", "Dunyo"
        )
        return Source.objects.create(
            url=url, name=name, language=language, category=category, **fields
        )

    return make
