"""A local HTTP server that answers the few REST calls Sahifa makes of an OpenSearch or
Elasticsearch cluster, in their documented shapes (`responses/`), and records what it
was sent: the real client and our code talk to it over HTTP.

It keeps no documents: `_search` answers with the hits a test sets, `_bulk` with one
successful item per action. An answer a test sets (`fail`) replaces every answer: an
error status, a delay, or a body trickled a byte at a time."""

from __future__ import annotations

import copy
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

RESPONSES = Path(__file__).parent / "responses"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((RESPONSES / name).read_text())


@dataclass
class Request:
    method: str
    path: str
    body: bytes
    authorization: str = ""

    def json(self) -> Any:
        return json.loads(self.body)

    def lines(self) -> list[Any]:
        """An ndjson body (`_bulk`), one object a line."""
        return [json.loads(line) for line in self.body.splitlines() if line.strip()]


@dataclass
class Failure:
    status: int = 500
    delay: float = 0.0
    trickle: float = 0.0  # seconds between the body's bytes


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up


class ClusterDouble:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.hits: list[tuple[int, float]] = []
        self.indexes: set[str] = set()  # names HEAD finds (indexes and aliases)
        self.aliases: dict[str, Any] = {}  # GET /_alias/<name>'s answer
        self.failure: Failure | None = None
        self.refused: dict[str, str] | None = None  # the error of every bulk item
        self.server = QuietServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://elastic:secret@127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def fail(self, status: int = 500, delay: float = 0.0, trickle: float = 0.0) -> None:
        """From now on every answer has this status (200: the usual answer, late)."""
        self.failure = Failure(status, delay, trickle)

    def sent(self, endpoint: str) -> list[Request]:
        """The requests to paths ending with ``endpoint`` (``_search``, ``_bulk``...)."""
        return [r for r in self.requests if r.path.endswith(endpoint)]

    def answer(self, request: Request) -> tuple[int, Any]:
        if self.failure and self.failure.status >= 400:
            return self.failure.status, recorded("error.json")
        name = request.path.strip("/").split("/")[0]
        if request.method == "HEAD":
            return (200 if name in self.indexes else 404), None
        if request.method == "PUT" and name in self.indexes:
            return 400, self.error("resource_already_exists_exception", f"index [{name}] exists")
        if request.path.endswith("/_search"):
            return 200, self._search()
        if request.path.endswith("/_bulk"):
            return 200, self._bulk(request)
        if request.path.startswith("/_alias/"):
            return (200, self.aliases) if self.aliases else (404, recorded("error.json"))
        return 200, {"acknowledged": True}

    @staticmethod
    def error(kind: str, reason: str) -> dict[str, Any]:
        answer = recorded("error.json")
        answer["error"].update(type=kind, reason=reason, root_cause=[])
        answer["status"] = 400
        return answer

    def _search(self) -> dict[str, Any]:
        answer = recorded("search.json")
        template = answer["hits"]["hits"][0]
        answer["hits"]["hits"] = [
            {**template, "_id": str(pk), "_score": score} for pk, score in self.hits
        ]
        return answer

    def _bulk(self, request: Request) -> dict[str, Any]:
        answer = recorded("bulk.json")
        template = answer["items"][0]["index"]
        answer["items"] = [
            {action: {**copy.deepcopy(template), "_id": target["_id"]}}
            for line in request.lines()
            for action, target in line.items()
            if action in ("index", "delete")
        ]
        if self.refused:
            answer["errors"] = True
            for item in answer["items"]:
                (result,) = item.values()
                result.update(status=400, error=self.refused)
        return answer

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # kept alive, as the client expects

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.command,
                    urlsplit(self.path).path,
                    self.rfile.read(length),
                    self.headers.get("Authorization", ""),
                )
                double.requests.append(request)
                status, payload = double.answer(request)
                body = b"" if payload is None else json.dumps(payload).encode()
                failure = double.failure
                time.sleep(failure.delay if failure else 0)
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if request.method == "HEAD":
                    return
                if not (failure and failure.trickle):
                    self.wfile.write(body)
                    return
                for byte in body:  # each read is quick, the whole answer never is
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(failure.trickle)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_one  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
