"""Start-up check: mistyped Telegram settings are reported before anything is posted."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register

from sahifa.telegram import config


@register()
def check_telegram_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        (Warning if code.startswith("W") else Error)(message, id=f"sahifa_telegram.{code}")
        for code, message in config.problems()
    ]
