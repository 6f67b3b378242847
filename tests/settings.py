"""Settings for the test suite: the site's settings with jobs run inline and files
written to a throw-away folder.

Every test process (one, or one per parallel worker) imports this module itself, so
each gets its own folder, its own in-memory cache and its own job queue; nothing here
is shared with another worker, another checkout's run or the site's own var/. The
folder is removed when the process ends.
"""

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

_SCRATCH = Path(tempfile.mkdtemp(prefix="sahifa-test-"))
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
# Read by sahifa.settings at import: its secret key file and job queue file land here,
# never in the checkout's var/ (where parallel workers would race to write the key).
os.environ["SAHIFA_VAR_DIR"] = str(_SCRATCH / "var")
# Metrics of this process alone (a folder inherited from the parent would be shared).
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_SCRATCH / "metrics")

from sahifa.settings import *  # noqa: E402, F403
from sahifa.settings import DATABASES, HUEY, PROJECT_DIR  # noqa: E402

HUEY = {**HUEY, "immediate": True}
MEDIA_ROOT = _SCRATCH / "media"
# Never the checkout's var/static: once `make demo` has collected (and hashed) the static
# files there, pages would name hashed files the test servers do not serve.
STATIC_ROOT = _SCRATCH / "static"
MEDIA_ROOT.mkdir()
STATIC_ROOT.mkdir()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# View counting: a throw-away buffer, and no background flushing (tests flush when they mean to).
SAHIFA_VIEWS_BUFFER_FILE = _SCRATCH / "views.sqlite3"
SAHIFA_VIEWS_FLUSH_SECONDS = 0

# A REDIS_URL in the environment (the site's own Redis) is not the tests' business: with
# it the cache would be one Redis database that every worker empties before each test
# (`cache.clear()` is FLUSHDB). Tests that use Redis point at REDIS_TEST_URL themselves.
REDIS_URL = ""
# Nor is a search cluster's: tests that use one point at SAHIFA_TEST_SEARCH_URL themselves.
SAHIFA_SEARCH_URL = ""
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
    # Never evicted, as the site's (settings.caching): far more than a test writes.
    "generations": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "generations",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 10_000_000},
    },
}

# The SQLite test database is a file, as the site's is: requests a live server answers at
# the same time then wait for each other's writes (busy_timeout), as on the site, instead
# of failing with "table is locked" as an in-memory shared database makes them.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(_SCRATCH / "test.sqlite3")}
    # A throw-away file: no waiting for the disk on each commit.
    DATABASES["default"]["OPTIONS"]["init_command"] = DATABASES["default"]["OPTIONS"][
        "init_command"
    ].replace("synchronous=NORMAL", "synchronous=OFF")

# Most tests look at what a render shows: the page cache's own tests turn it on.
SAHIFA_PAGE_CACHE = False

# PostgreSQL test databases are named after the checkout as well (the parallel workers'
# _gw0, _gw1... suffixes come on top), so two checkouts on one server, run at the same
# time, do not drop each other's test databases.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _checkout = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:6]
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_checkout}"}

# Telegram only where a test points it at its local Bot API (never a real channel).
SAHIFA_TELEGRAM_TOKEN = ""

# Sign-in limits are off unless a test turns them on (`client.login` has no request,
# which django-axes needs).
AXES_ENABLED = False
