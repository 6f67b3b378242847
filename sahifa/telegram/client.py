"""Calls to the Telegram Bot API: one method, its fields (and a file to upload), the
``result`` back, or a `Failure` that says what went wrong and whether to try again.

Calls go through `sahifa.core.outbound`: a deadline for the whole of each call (not just
per read: a server that drips its answer is cut off), a limit on the answer's size, and
no private addresses unless the operator allows them. The bot token is part of every
URL, so it is taken out of every message this module makes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp

from sahifa.core import outbound
from sahifa.telegram.config import Config

# Bot API answers are a few kilobytes; anything this large is not one.
MAX_ANSWER_BYTES = 1 << 20
HEADERS = {"User-Agent": "Sahifa news site Telegram poster"}


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


def call(
    config: Config,
    method: str,
    fields: dict[str, Any],
    upload: tuple[str, Upload] | None = None,
) -> Any:
    """Call ``method`` with ``fields`` (and ``upload``: the field name and the file);
    returns the answer's ``result``."""
    options: dict[str, Any] = {"json": fields}
    if upload is not None:
        options = {"data": _form(fields, *upload)}
    try:
        answer = outbound.fetch(
            config.method_url(method),
            method="POST",
            deadline=config.timeout,
            max_bytes=MAX_ANSWER_BYTES,
            headers=HEADERS,
            **options,
        )
    except outbound.FetchError as exc:
        raise Failure(
            config.scrub(str(exc)), transient=exc.transient, maybe_done=exc.maybe_sent
        ) from None
    return _result(answer.status, answer.content)


def _form(fields: dict[str, Any], name: str, file: Upload) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for key, value in fields.items():
        form.add_field(key, value if isinstance(value, str) else str(value))
    form.add_field(name, file.data, filename=file.name, content_type=file.content_type)
    return form


def _result(status: int, body: bytes) -> Any:
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
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
