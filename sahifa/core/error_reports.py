"""Errors to Sentry when ``SENTRY_DSN`` is set (called from the settings, so web
workers, the job worker and commands all report): unhandled exceptions of requests and
jobs, and error log lines. No personal data is sent (no addresses, cookies or users),
and no performance tracing."""

from __future__ import annotations

import logging

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration


def start_sentry(dsn: str, environment: str) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = f"sahifa@{version('sahifa')}"
    except PackageNotFoundError:
        release = None
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        traces_sample_rate=0,
        integrations=[DjangoIntegration(), LoggingIntegration(event_level=logging.ERROR)],
    )
