"""JSON log lines per request, and errors sent to Sentry: a site process of its own
(its settings read SAHIFA_LOG_FORMAT and SENTRY_DSN at start) whose database was never
migrated, so any page fails for real. Sentry's own client sends to a local server that
plays Sentry's envelope endpoint."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest

from conftest import free_port
from sahifa.core.tests.observing import run_python, site_env

pytestmark = pytest.mark.slow

REQUESTS = (
    "import django; django.setup()\n"
    "from django.test import Client\n"
    "client = Client(raise_request_exception=False)\n"
    "print(client.get('/healthz', HTTP_X_REQUEST_ID='probe-1').status_code)\n"
    "print(client.get('/en/').status_code)\n"
)


class Envelopes(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        coding = self.headers.get("Content-Encoding")
        if coding == "gzip":
            body = gzip.decompress(body)
        elif coding == "br":  # sentry-sdk compresses with Brotli when it is installed
            body = brotli.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def sentry() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    received: list[tuple[str, bytes]] = []
    handler = type("Handler", (Envelopes,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42", received
    finally:
        server.shutdown()
        server.server_close()


def envelope_items(body: bytes) -> list[dict]:
    """The JSON lines of an envelope (header, item headers, payloads)."""
    items = []
    for line in body.splitlines():
        try:
            items.append(json.loads(line))
        except ValueError:
            continue
    return items


def test_json_request_lines_and_errors_to_sentry(tmp_path, sentry):
    dsn, received = sentry
    env = site_env(tmp_path / "var", SAHIFA_LOG_FORMAT="json", SENTRY_DSN=dsn, LOG_LEVEL="INFO")
    done = run_python(REQUESTS, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "500"]

    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["logger"] == "sahifa.request"]
    health, page = requests
    assert health["request_id"] == "probe-1" and health["route"] == "healthz"
    assert health["method"] == "GET" and health["status"] == 200
    assert isinstance(health["duration_ms"], float)
    assert page["status"] == 500 and page["route"] == "sahifa_serve"
    # The error's own line carries the same request id and the traceback.
    error = next(line for line in lines if line["logger"] == "django.request")
    assert error["request_id"] == page["request_id"] and "no such table" in error["error"]

    # Sentry got the exception, with the page it failed on.
    assert received, "nothing reached the Sentry server"
    path, body = received[0]
    assert path == "/api/42/envelope/"
    events = [i for i in envelope_items(body) if "exception" in i]
    assert events, body[:500]
    exception = events[0]["exception"]["values"][-1]
    assert exception["type"] == "OperationalError" and "no such table" in exception["value"]
    event = events[0]
    assert event["transaction"] == "/en/" and event["release"].startswith("sahifa@")
    # Jobs report too: huey's integration is on.
    assert "huey" in event["sdk"]["integrations"] and "django" in event["sdk"]["integrations"]


def test_plain_logs_write_no_request_lines(tmp_path):
    env = site_env(tmp_path / "var", LOG_LEVEL="INFO")
    done = run_python(REQUESTS, env)
    assert done.returncode == 0, done.stderr
    assert "sahifa.request" not in done.stderr
    assert not any(line.startswith("{") for line in done.stderr.splitlines())
