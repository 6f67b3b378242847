"""Outside fetches against a local HTTP server that misbehaves on purpose: the whole
fetch has a deadline, answers have a size limit (after decompression), redirects are
few, and private addresses are refused unless an operator allows them."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from sahifa.core import outbound

KB = 1024


class Misbehaving(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        route = getattr(self, self.path.strip("/").split("?")[0] or "ok", None)
        if route is None:
            self.send_error(404)
        else:
            route()

    def _send(self, body: bytes, *headers: tuple[str, str], status: int = 200) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def ok(self) -> None:
        self._send(b"hello", ("Content-Type", "text/plain; charset=utf-8"))

    def trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client hung up, as it should

    def big(self) -> None:
        self._send(b"x" * (200 * KB))

    def bomb(self) -> None:
        self._send(gzip.compress(b"\0" * (50 * 1024 * KB)), ("Content-Encoding", "gzip"))

    def gzipped(self) -> None:
        self._send(gzip.compress(b"small"), ("Content-Encoding", "gzip"))

    def loop(self) -> None:
        self._send(b"", ("Location", "/loop"), status=302)

    def hop(self) -> None:
        self._send(b"", ("Location", "/ok"), status=301)

    def metadata(self) -> None:
        self._send(b"", ("Location", "http://169.254.169.254/latest/meta-data/"), status=302)

    def missing(self) -> None:
        self._send(b"gone", status=404)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):  # the messages' words are part of what is tested
        yield


@pytest.fixture
def loopback_allowed(settings):
    settings.SAHIFA_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]


def get(url: str, **options) -> outbound.Answer:
    options.setdefault("deadline", 3)
    options.setdefault("max_bytes", 100 * KB)
    return outbound.fetch(url, **options)


def test_an_answer_comes_back_with_its_status_and_headers(server, loopback_allowed):
    answer = get(f"{server}/ok")
    assert (answer.status, answer.content, answer.content_type) == (200, b"hello", "text/plain")
    assert get(f"{server}/missing").status == 404
    assert get(f"{server}/gzipped").content == b"small"


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(server, loopback_allowed):
    with pytest.raises(outbound.FetchError, match="no whole answer within 1 s"):
        get(f"{server}/trickle", deadline=1)


def test_answers_over_the_limit_are_refused_even_when_compressed(server, loopback_allowed):
    with pytest.raises(outbound.FetchError, match="larger than 100 KB"):
        get(f"{server}/big")
    with pytest.raises(outbound.FetchError, match="larger than 1 MB"):
        get(f"{server}/bomb", max_bytes=1024 * KB)


def test_redirects_are_followed_a_few_times_at_most(server, loopback_allowed):
    answer = get(f"{server}/hop")
    assert answer.content == b"hello" and answer.url.endswith("/ok")
    with pytest.raises(outbound.FetchError, match="more than 3 redirects"):
        get(f"{server}/loop")


def test_private_addresses_are_refused_unless_allowed(server):
    with pytest.raises(outbound.FetchError, match="private address"):
        get(f"{server}/ok")  # 127.0.0.1, not allowed
    port = server.rsplit(":", 1)[1]
    with pytest.raises(outbound.FetchError, match="localhost is a private address"):
        get(f"http://localhost:{port}/ok")  # a name that resolves to loopback
    for url in ("http://169.254.169.254/", "http://[::1]:6379/", "http://10.0.0.1/"):
        with pytest.raises(outbound.FetchError, match="private address"):
            get(url)


def test_a_redirect_cannot_lead_to_a_private_address(server, loopback_allowed):
    with pytest.raises(outbound.FetchError, match="169.254.169.254 is a private address"):
        get(f"{server}/metadata")


def test_only_http_is_fetched():
    for url in ("file:///etc/passwd", "gopher://example.com/", "ftp://example.com/x"):
        with pytest.raises(outbound.FetchError, match="not an http"):
            get(url)


def test_one_slow_server_does_not_delay_the_others(server, loopback_allowed):
    requests = [
        outbound.Request(f"{server}/trickle", deadline=2, max_bytes=KB),
        outbound.Request(f"{server}/ok", deadline=2, max_bytes=KB),
    ]
    slow, fast = outbound.fetch_many(requests)
    assert isinstance(slow, outbound.FetchError)
    assert isinstance(fast, outbound.Answer) and fast.content == b"hello"


def test_networks_can_be_allowed(settings, server):
    settings.SAHIFA_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.0/8"]
    assert get(f"{server}/ok").status == 200
