"""The short way for view beacons: a WSGI layer in front of Django that answers
POST /api/views/<id>/ itself.

A beacon needs none of Django's request handling (request and response objects,
request signals, sessions, CSRF, language, user, messages, redirects): on a busy site
that machinery cost more CPU than counting the view (bench/beacon.py). Whatever this
layer does not answer (other paths, other methods) goes to Django unchanged; what a
beacon does and answers is sahifa/popularity/beacon.py, shared with the Django view."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections
from django.utils import translation

from sahifa.core import metrics
from sahifa.popularity.beacon import Answer, answer

log = logging.getLogger(__name__)

# The address of sahifa/popularity/urls.py, mounted under /api/ (sahifa/urls.py).
BEACON_PATH = re.compile(r"/api/views/(?P<article_id>[0-9]{1,18})/")
# Its route in the request metrics: the name Django's resolver gives the view.
BEACON_ROUTE = "popularity:beacon"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class BeaconShortcut:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        match = BEACON_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        started = time.perf_counter()
        try:
            result = answer(environ, int(match["article_id"]))
            body = _body(result, environ)
        except Exception:
            log.exception("View beacon %s failed", environ.get("PATH_INFO"))
            # What Django's request_finished would do: drop a connection left broken.
            close_old_connections()
            metrics.count_beacon("error")
            result = Answer(500)
            body = json.dumps({"error": "Internal error"}).encode()
        _start(start_response, result, body)
        metrics.count_request(BEACON_ROUTE, "POST", result.status, time.perf_counter() - started)
        return [body]


def _body(result: Answer, environ: dict[str, Any]) -> bytes:
    if result.error is None:
        payload = result.payload()
    else:
        # Refusals are rare: only they pay for the reader's language.
        language = translation.get_language_from_request(WSGIRequest(environ))
        with translation.override(language):
            payload = result.payload()
    return b"" if payload is None else json.dumps(payload).encode()


def _start(start_response: StartResponse, result: Answer, body: bytes) -> None:
    status = HTTPStatus(result.status)
    headers = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Length", str(len(body))),
        *result.headers.items(),
    ]
    if body:
        headers.append(("Content-Type", "application/json"))
    start_response(f"{status.value} {status.phrase}", headers)
