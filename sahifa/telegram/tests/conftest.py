"""A local HTTP server that answers like the Telegram Bot API, for the real jobs.

Answers are built from `responses/` (the Bot API's answers for sendPhoto, sendMessage,
editMessageCaption, editMessageText, deleteMessage and its error answers, in the shapes
the API returns) with the chat, text and message id of the request. Like Telegram, it
reads the HTML of captions and texts and refuses markup it does not know, bare ``&``
and ``<``, and captions over 1,024 characters (texts over 4,096). Tests queue other
answers (429, 500, a slow one) and read the calls it recorded.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from huey.contrib.djhuey import HUEY

RESPONSES = Path(__file__).parent / "responses"
ERRORS = json.loads((RESPONSES / "errors.json").read_text())
TOKEN = "7311245867:AAFf3kq9Tq0b2m7YwTESTONLYxV8u1aZc4E"
CHANNELS = {
    "en": "@sahifa_en",
    "uz": "@sahifa_uz",
    "uz-cyrl": "@sahifa_kirill",
    "ru": "-1001706285402",
}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "span", "tg-spoiler", "tg-emoji", "blockquote"}  # fmt: skip
RECORDED = {
    "sendPhoto": "send_photo.json",
    "sendMessage": "send_message.json",
    "editMessageCaption": "edit_message_caption.json",
    "editMessageText": "edit_message_text.json",
    "deleteMessage": "delete_message.json",
}


@dataclass
class Call:
    method: str
    fields: dict[str, Any]
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    delay: float = 0.0


class TelegramHTML(HTMLParser):
    """Telegram's reading of parse_mode=HTML: the visible text, or why it is refused."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.bold: list[tuple[int, int]] = []
        self.open: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}"')
        self.open.append((tag, self.length()))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise ValueError(f'Unmatched end tag "{tag}"')
        name, start = self.open.pop()
        if name in ("b", "strong"):
            self.bold.append((start, self.length() - start))

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise ValueError("Unexpected end of name token")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in ("lt", "gt", "amp", "quot"):
            raise ValueError(f'Unsupported entity "{name}"')
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))

    def length(self) -> int:
        return len("".join(self.text).encode("utf-16-le")) // 2

    @classmethod
    def read(cls, markup: str) -> tuple[str, list[tuple[int, int]]]:
        if "&" in markup.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").replace(
            "&quot;", ""
        ).replace("&#", ""):
            raise ValueError("Character entity expected")
        parser = cls()
        parser.feed(markup)
        parser.close()
        if parser.open:
            raise ValueError(
                f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"'
            )
        return "".join(parser.text), parser.bold


class FakeBotAPI:
    """Plays queued answers first (per method, or for any), then Telegram's own."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.queued: deque[tuple[str | None, Answer]] = deque()
        self.standing: dict[str, Answer] = {}
        self.hooks: dict[str, Callable[[], None]] = {}
        self.message_ids = itertools.count(2841)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- What tests script and read ------------------------------------------------
    def queue(self, error: str, method: str | None = None, delay: float = 0.0, times: int = 1):
        """The next ``times`` calls (of ``method``) get the recorded error ``error``."""
        body = ERRORS[error]
        for _ in range(times):
            self.queued.append((method, Answer(body["error_code"], body, delay)))

    def queue_slow(self, method: str, delay: float) -> None:
        """The next call of ``method`` works, but answers after ``delay`` seconds."""
        self.queued.append((method, Answer(200, {}, delay)))

    def always(self, error: str, method: str) -> None:
        body = ERRORS[error]
        self.standing[method] = Answer(body["error_code"], body)

    def during(self, method: str, hook: Callable[[], None]) -> None:
        """Run ``hook`` (in the server's thread) while the next call of ``method`` waits
        for its answer."""
        self.hooks[method] = hook

    def of(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    # --- Answering -----------------------------------------------------------------
    def answer(self, token: str, method: str, call: Call) -> Answer:
        with self.lock:
            queued = next((a for wanted, a in self.queued if wanted in (None, method)), None)
            if queued is not None:
                self.queued.remove(next(q for q in self.queued if q[1] is queued))
        if queued is None:
            return self.standing.get(method) or self.telegram(token, method, call)
        if queued.body:
            return queued
        time.sleep(queued.delay)  # a slow answer that works
        return self.telegram(token, method, call)

    def telegram(self, token: str, method: str, call: Call) -> Answer:
        if token != TOKEN:
            return Answer(401, ERRORS["unauthorized"])
        if method not in RECORDED:
            return Answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        body = json.loads((RESPONSES / RECORDED[method]).read_text())
        if method == "deleteMessage":
            return Answer(200, body)
        result = body["result"]
        result["chat"] = result["sender_chat"] = {**result["chat"], **self.chat(call)}
        if method.startswith("send"):
            result["message_id"] = next(self.message_ids)
            result["date"] = int(time.time())
        else:
            result["message_id"] = int(call.fields["message_id"])
        key, limit = ("caption", 1024) if "caption" in result else ("text", 4096)
        try:
            text, bold = TelegramHTML.read(str(call.fields.get(key, "")))
        except ValueError as problem:
            error = copy.deepcopy(ERRORS["cant_parse"])
            error["description"] %= problem
            return Answer(400, error)
        if len(text.encode("utf-16-le")) // 2 > limit:
            return Answer(400, ERRORS["caption_too_long" if key == "caption" else "text_too_long"])
        result[key] = text
        result[f"{key}_entities" if key == "caption" else "entities"] = [
            {"offset": start, "length": length, "type": "bold"} for start, length in bold
        ]
        return Answer(200, body)

    @staticmethod
    def chat(call: Call) -> dict[str, Any]:
        chat = str(call.fields.get("chat_id", ""))
        if chat.startswith("@"):
            return {"username": chat[1:]}
        return {"id": int(chat)}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                _, bot, method = self.path.split("/", 2)
                length = int(self.headers.get("Content-Length", "0"))
                call = parse(method, self.headers.get("Content-Type", ""), self.rfile.read(length))
                fake.calls.append(call)
                if hook := fake.hooks.pop(method, None):
                    hook()
                answer = fake.answer(bot.removeprefix("bot"), method, call)
                time.sleep(answer.delay)
                body = json.dumps(answer.body).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def parse(method: str, content_type: str, body: bytes) -> Call:
    """A Bot API request: JSON, or multipart/form-data with the uploaded file."""
    if content_type.startswith("application/json"):
        return Call(method, json.loads(body))
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes, str]] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        payload: Any = part.get_payload(decode=True)
        if filename := part.get_filename():
            files[name] = (filename, payload, part.get_content_type())
        else:
            fields[name] = payload.decode()
    return Call(method, fields, files)


@pytest.fixture
def bot_api(settings, loopback_fetches) -> Iterator[FakeBotAPI]:
    """The fake Bot API, running, with the site set up to post to it (deadline 1 s)."""
    fake = FakeBotAPI()
    fake.thread.start()
    settings.SAHIFA_TELEGRAM_TOKEN = TOKEN
    settings.SAHIFA_TELEGRAM_CHANNELS = dict(CHANNELS)
    settings.SAHIFA_TELEGRAM_API_URL = fake.url
    settings.SAHIFA_TELEGRAM_TIMEOUT = 1.0
    HUEY.flush()
    try:
        yield fake
    finally:
        HUEY.flush()
        fake.server.shutdown()
        fake.server.server_close()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def huey_now() -> datetime:
    """The clock huey schedules by (UTC, without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def scheduled_delays() -> list[float]:
    """How far ahead (seconds) each job waiting in the schedule is due."""
    now = huey_now()
    return sorted((task.eta - now).total_seconds() for task in HUEY.scheduled())


def run_due(within: float) -> int:
    """Run the scheduled jobs due within ``within`` seconds from now, as the worker
    would once that time has come; returns how many ran."""
    when = huey_now() + timedelta(seconds=within)
    due = HUEY.read_schedule(when)
    for task in due:
        HUEY.execute(task, timestamp=when)
    return len(due)
