"""Operations (docs/operations.md): `sahifa serve`, metrics, logs and error reports."""

import os
from pathlib import Path
from typing import Any

from sahifa.settings.env import VAR_DIR, env_bool, env_list

# `sahifa serve` writes an access log line per request (off when a proxy logs already).
# With JSON logs Django writes that line itself (with the route and request id), so the
# server's own plain line is off unless asked for.
SAHIFA_ACCESS_LOG = env_bool(
    "SAHIFA_ACCESS_LOG", os.environ.get("SAHIFA_LOG_FORMAT", "").strip().lower() != "json"
)
# `sahifa serve` and slow or idle clients (docs/security.md): seconds a client has to send
# a request's headers, open connections per worker, connections waiting to be accepted.
SAHIFA_HEADER_TIMEOUT_SECONDS = float(os.environ.get("SAHIFA_HEADER_TIMEOUT_SECONDS", "10"))
SAHIFA_MAX_CONNECTIONS = int(os.environ.get("SAHIFA_MAX_CONNECTIONS", "8192"))
SAHIFA_LISTEN_BACKLOG = int(os.environ.get("SAHIFA_LISTEN_BACKLOG", "4096"))

# Prometheus metrics at /metrics, summed over every process of the machine (web workers,
# job worker): each writes its counts to files in this folder (prometheus_client's
# multiprocess mode reads the variable when it is first imported, so it is set here).
SAHIFA_METRICS_DIR = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR", VAR_DIR / "metrics"))
SAHIFA_METRICS_DIR.mkdir(parents=True, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(SAHIFA_METRICS_DIR)
# Who may read /metrics: these addresses or networks (direct connections only), or anyone
# who sends `Authorization: Bearer <SAHIFA_METRICS_TOKEN>`.
SAHIFA_METRICS_ALLOW = env_list("SAHIFA_METRICS_ALLOW", "127.0.0.1,::1")
SAHIFA_METRICS_TOKEN = os.environ.get("SAHIFA_METRICS_TOKEN", "")
# `json`: every log line is one JSON object, and each request writes one.
SAHIFA_LOG_FORMAT = os.environ.get("SAHIFA_LOG_FORMAT", "plain").strip().lower()
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")

# Log lines go to stderr at LOG_LEVEL, and to SAHIFA_LOG_FILE when set. One-off commands
# (`sahifa import`...) show only warnings on the terminal (sahifa.cli sets
# SAHIFA_CONSOLE_LOG_LEVEL): their INFO lines, such as the job runner's, are the log's.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FILE = os.environ.get("SAHIFA_LOG_FILE", "")
LOG_FORMATTER = "json" if SAHIFA_LOG_FORMAT == "json" else "plain"
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "sahifa.core.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMATTER,
            "level": os.environ.get("SAHIFA_CONSOLE_LOG_LEVEL", "NOTSET"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The search cluster's client logs every failed request (the search says it once
        # a run of failures) and every request as a curl command line at INFO.
        "opensearch": {"level": "ERROR"},
        "opensearchpy.trace": {"level": "WARNING"},
    },
}
if LOG_FILE:
    # Reopened when logrotate moves it.
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": LOG_FILE,
        "formatter": LOG_FORMATTER,
    }
    LOGGING["root"]["handlers"].append("file")
if SENTRY_DSN:
    from sahifa.core.error_reports import start_sentry

    start_sentry(SENTRY_DSN, SENTRY_ENVIRONMENT)
