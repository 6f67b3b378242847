"""A local HTTP server that answers like Open-Meteo's /v1/forecast, for the real client.

Answers are built from `responses/current.json` (the documented response shape) with
the observation time and values a test asks for.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

RESPONSES = Path(__file__).parent / "responses"
RECORDED = json.loads((RESPONSES / "current.json").read_text())


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0
    trickle: float = 0.0  # seconds between the body's bytes
    content_type: str = "application/json; charset=utf-8"


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up


class OpenMeteoDouble:
    """Plays queued answers in order, then the standing one; records each request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, list[str]]] = []
        self.queued: deque[Answer] = deque()
        self.standing = Answer(body=self.body())
        self.server = QuietServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/forecast"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @staticmethod
    def payload(observed_at: datetime | None = None, **current) -> dict:
        """The recorded answer, observed at ``observed_at`` (default: this quarter hour)."""
        when = (observed_at or datetime.now(UTC)).astimezone(UTC)
        when -= timedelta(
            minutes=when.minute % 15, seconds=when.second, microseconds=when.microsecond
        )
        data = copy.deepcopy(RECORDED)
        data["current"]["time"] = when.strftime("%Y-%m-%dT%H:%M")
        data["current"].update(current)
        return data

    @classmethod
    def body(cls, observed_at: datetime | None = None, **current) -> bytes:
        return json.dumps(cls.payload(observed_at, **current)).encode()

    def answer(
        self,
        status: int = 200,
        body: bytes | dict | None = None,
        delay: float = 0.0,
        trickle: float = 0.0,
    ):
        """From now on, answer every request like this."""
        self.standing = self._answer(status, body, delay, trickle)

    def queue(
        self,
        status: int = 200,
        body: bytes | dict | None = None,
        delay: float = 0.0,
        trickle: float = 0.0,
    ):
        """Answer the next request like this (then the next queued, then the standing)."""
        self.queued.append(self._answer(status, body, delay, trickle))

    def _answer(self, status, body, delay, trickle=0.0) -> Answer:
        if body is None:
            body = self.body()
        if isinstance(body, dict):
            body = json.dumps(body).encode()
        return Answer(status, body, delay, trickle)

    def _handler(self):
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                double.requests.append(parse_qs(urlsplit(self.path).query))
                answer = double.queued.popleft() if double.queued else double.standing
                time.sleep(answer.delay)
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if not answer.trickle:
                    self.wfile.write(answer.body)
                    return
                for byte in answer.body:  # each read is quick, the whole answer never is
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer.trickle)

            def log_message(self, *args) -> None:
                pass

        return Handler


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are translated (those of outside fetches too); these tests read English."""
    with translation.override("en"):
        yield


@pytest.fixture
def open_meteo(settings, loopback_fetches):
    """The double, running, with the site pointed at it (timeout 0.5 s)."""
    double = OpenMeteoDouble()
    double.thread.start()
    settings.SAHIFA_WEATHER_URL = double.url
    settings.SAHIFA_WEATHER_TIMEOUT = 0.5
    settings.SAHIFA_WEATHER_CITIES = "tashkent:41.2995:69.2401"
    try:
        yield double
    finally:
        double.server.shutdown()
        double.server.server_close()
