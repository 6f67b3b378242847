"""Calls to the Telegram Bot API: one method, its fields (and a file to upload), the
``result`` back, or a `Failure` that says what went wrong and whether to try again.

Each call has a deadline for the whole of it (not just per read: a server that drips
its answer is cut off) and a limit on the answer's size. The bot token is part of every
URL, so it is taken out of every message this module makes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from sahifa.telegram.config import Config

# Bot API answers are a few kilobytes; anything this large is not one.
MAX_ANSWER_BYTES = 1 << 20
CHUNK = 16 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    content_type: str


class Failure(Exception):
    """A call that did not work. ``transient``: worth trying again later (after
    ``retry_after`` seconds when Telegram said so); ``maybe_done``: the request went out
    and no answer came, so Telegram may have carried it out."""

    def __init__(
        self,
        message: str,
        *,
        transient: bool = False,
        retry_after: float | None = None,
        maybe_done: bool = False,
        code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient or retry_after is not None
        self.retry_after = retry_after
        self.maybe_done = maybe_done
        self.code = code

    def __str__(self) -> str:
        return self.message


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "Sahifa news site Telegram poster"
    return session


def call(
    config: Config,
    method: str,
    fields: dict[str, Any],
    upload: tuple[str, Upload] | None = None,
    session: requests.Session | None = None,
) -> Any:
    """Call ``method`` with ``fields`` (and ``upload``: the field name and the file);
    returns the answer's ``result``."""
    session = session or make_session()
    deadline = time.monotonic() + config.timeout
    kwargs: dict[str, Any] = {"json": fields}
    if upload is not None:
        name, file = upload
        kwargs = {"data": fields, "files": {name: (file.name, file.data, file.content_type)}}
    try:
        with session.post(
            config.method_url(method), timeout=config.timeout, stream=True, **kwargs
        ) as response:
            body = _read(response, deadline, config.timeout)
    except requests.RequestException as exc:
        raise _network_failure(exc, config) from None
    return _result(response.status_code, body)


def _read(response: requests.Response, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise Failure(f"the answer is {declared} bytes, more than an answer can be")
    body = bytearray()
    for chunk in response.iter_content(CHUNK):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise Failure(
                f"the answer is more than {MAX_ANSWER_BYTES} bytes", transient=True, maybe_done=True
            )
        if time.monotonic() > deadline:
            raise Failure(f"no whole answer within {timeout:g} s", transient=True, maybe_done=True)
    return bytes(body)


def _result(status: int, body: bytes) -> Any:
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        text = body[:80].decode("utf-8", "replace")
        raise Failure(f"HTTP {status}, not a Bot API answer: {text!r}", transient=status >= 500)
    if answer["ok"]:
        return answer.get("result")
    error_code, parameters = answer.get("error_code"), answer.get("parameters")
    code: int = error_code if isinstance(error_code, int) else status
    description = str(answer.get("description") or f"HTTP {status}")
    retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
    if code == 429 or isinstance(retry_after, int | float):
        wait = float(retry_after) if isinstance(retry_after, int | float) else 5.0
        raise Failure(f"{code}: {description}", retry_after=max(wait, 0.0), code=code)
    # 5xx: Telegram could not do it now. 4xx: it will not do it (a wrong chat, no right
    # to post, a message that cannot be edited): trying again would not help.
    raise Failure(f"{code}: {description}", transient=code >= 500, code=code)


def _network_failure(exc: requests.RequestException, config: Config) -> Failure:
    """A failure that never reached Telegram is safe to try again; one after the request
    went out (a read timeout, a dropped connection) may have been carried out."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    never_connected = isinstance(exc, requests.ConnectTimeout) or isinstance(
        reason, NewConnectionError
    )
    if isinstance(exc, requests.ConnectTimeout):
        words = f"could not connect within {config.timeout:g} s"
    elif isinstance(exc, requests.Timeout):
        words = f"no answer within {config.timeout:g} s"
    else:
        # urllib3 nests the cause ("Connection refused") in "HTTPConnection(...): <cause>".
        words = "network error: " + str(reason or exc).split("): ", 1)[-1]
    return Failure(config.scrub(words), transient=True, maybe_done=not never_connected)
