"""The Telegram settings, read when needed (tests change them), and their check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

# A public channel's @username, or a chat's numeric id (channels: -100…).
CHAT = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20}")
TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Config:
    token: str
    channels: dict[str, str]  # language code -> chat
    api_url: str
    timeout: float  # seconds, the whole of one request

    def method_url(self, method: str) -> str:
        return f"{self.api_url}/bot{self.token}/{method}"

    def scrub(self, text: str) -> str:
        """``text`` without the token (it is part of every URL, so of network errors)."""
        return text.replace(self.token, "<token>")


def current() -> Config | None:
    """The configuration, or None when Telegram is not set up (then nothing is posted)."""
    token = settings.SAHIFA_TELEGRAM_TOKEN
    channels = {code: chat for code, chat in settings.SAHIFA_TELEGRAM_CHANNELS.items() if chat}
    if not token or not channels:
        return None
    return Config(
        token=token,
        channels=channels,
        api_url=settings.SAHIFA_TELEGRAM_API_URL.rstrip("/"),
        timeout=settings.SAHIFA_TELEGRAM_TIMEOUT,
    )


def problems() -> list[tuple[str, str]]:
    """What is wrong with the settings: (check id, words an operator can act on); ids
    starting with W are half a configuration (nothing is posted), E a wrong value."""
    token, channels = settings.SAHIFA_TELEGRAM_TOKEN, settings.SAHIFA_TELEGRAM_CHANNELS
    found: list[tuple[str, str]] = []
    if token and not TOKEN.fullmatch(token):
        found.append(
            ("E001", "SAHIFA_TELEGRAM_TOKEN is not a bot token (digits, a colon, then letters)")
        )
    languages = {code for code, _name in settings.LANGUAGES}
    for code, chat in channels.items():
        if code not in languages:
            known = ", ".join(sorted(languages))
            found.append(
                ("E002", f"SAHIFA_TELEGRAM_CHANNELS: {code!r} is not a language ({known})")
            )
        if not CHAT.fullmatch(chat):
            found.append(
                (
                    "E003",
                    f"SAHIFA_TELEGRAM_CHANNELS: {code}={chat!r} is not a channel "
                    "(@username or a numeric chat id such as -1001234567890)",
                )
            )
    if channels and not token:
        found.append(("W001", "SAHIFA_TELEGRAM_CHANNELS is set but SAHIFA_TELEGRAM_TOKEN is not"))
    if token and not channels:
        found.append(
            ("W002", "SAHIFA_TELEGRAM_TOKEN is set but SAHIFA_TELEGRAM_CHANNELS names no channel")
        )
    return found
