"""Settings for the test suite: the site's settings with jobs run inline and files
written to a throw-away folder."""

import tempfile
from pathlib import Path

from sahifa.settings import *  # noqa: F403
from sahifa.settings import HUEY

HUEY = {**HUEY, "immediate": True}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sahifa-test-media-"))
# Never the checkout's var/static: once `make demo` has collected (and hashed) the static
# files there, pages would name hashed files the test servers do not serve.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="sahifa-test-static-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# View counting: a throw-away buffer, and no background flushing (tests flush when they mean to).
SAHIFA_VIEWS_BUFFER_FILE = Path(tempfile.mkdtemp(prefix="sahifa-test-views-")) / "views.sqlite3"
SAHIFA_VIEWS_FLUSH_SECONDS = 0
# Telegram only where a test points it at its local Bot API (never a real channel).
SAHIFA_TELEGRAM_TOKEN = ""
