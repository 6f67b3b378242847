"""What the site runs beside its pages: the job queue, uploads and their storage, view
counting, search limits, and the outside services it fetches from or posts to."""

import os
from pathlib import Path

from sahifa.core.media_config import s3_media_storage
from sahifa.settings.caching import REDIS_URL
from sahifa.settings.env import VAR_DIR, env_bool, env_list

# --- Job queue ------------------------------------------------------------------------
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "sahifa",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "sahifa",
        "filename": str(VAR_DIR / "jobs.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }
HUEY["consumer"] = {
    "workers": int(os.environ.get("SAHIFA_JOB_WORKERS", "2")),
    "worker_type": "thread",
    # An idle worker looks at the SQLite queue at least every second (huey's default
    # backs off to 10 s): purges of caches in front go out within the 3 s readers are
    # promised. Redis hands jobs over at once.
    "max_delay": 1.0,
}

# --- Uploads (media) and documents ----------------------------------------------------
# Static files are base's; both kinds of storage are named here, in one dict.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "sahifa.core.storage.StaticStorage",
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploads from Django itself: right for one machine; behind a web server or CDN set 0.
SAHIFA_SERVE_MEDIA = env_bool("SAHIFA_SERVE_MEDIA", True)
# Uploads and picture sizes in an S3-compatible bucket (several app servers share it):
# docs/deploy.md. Keys come from the environment as boto3 reads them (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY) or from the SAHIFA_S3_* names below.
SAHIFA_S3_BUCKET = os.environ.get("SAHIFA_S3_BUCKET", "").strip()
if SAHIFA_S3_BUCKET:
    STORAGES["default"], MEDIA_URL = s3_media_storage(SAHIFA_S3_BUCKET, os.environ)
    SAHIFA_SERVE_MEDIA = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
# Pictures with more pixels are refused at upload and import (decoding takes memory in
# proportion: about 14 bytes a pixel while sizes are made).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("SAHIFA_MAX_IMAGE_PIXELS", "64000000"))
WAGTAILIMAGES_IMAGE_FORM_BASE = "sahifa.images.forms.PictureForm"

# Documents: only these kinds may be uploaded (never HTML, SVG, XML or scripts, which a
# browser would run), and they are served through Wagtail's view, always as downloads.
WAGTAILDOCS_EXTENSIONS = env_list(
    "SAHIFA_DOCUMENT_EXTENSIONS", "pdf,docx,xlsx,pptx,odt,ods,odp,rtf,txt,csv,zip"
)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []

# --- View counting and search ---------------------------------------------------------
# View counting (sahifa.popularity; README "View counting"). Views wait in a buffer (Redis
# with REDIS_URL, else the SQLite file below) and are written to the database in batches.
SAHIFA_VIEWS_FLUSH_SECONDS = float(os.environ.get("SAHIFA_VIEWS_FLUSH_SECONDS", "2"))
SAHIFA_VIEWS_BUFFER_FILE = Path(
    os.environ.get("SAHIFA_VIEWS_BUFFER_FILE", VAR_DIR / "views.sqlite3")
)
SAHIFA_VIEWS_REDIS_PREFIX = os.environ.get("SAHIFA_VIEWS_REDIS_PREFIX", "sahifa:views")
# Beacons one client address may send a minute: one mobile carrier NAT address is many readers.
SAHIFA_VIEWS_RATE_PER_MINUTE = int(os.environ.get("SAHIFA_VIEWS_RATE_PER_MINUTE", "300"))
# Views one client address may add to one article in 30 minutes, whatever browsers it
# claims to be (a script rotating its User-Agent counts no more than this).
SAHIFA_VIEWS_PER_ADDRESS_AND_ARTICLE = int(
    os.environ.get("SAHIFA_VIEWS_PER_ADDRESS_AND_ARTICLE", "30")
)

# Search (sahifa.search, docs/search.md): the embedded index of the database (SQLite FTS5
# or PostgreSQL full-text search); searches a client may make per minute (0: no limit).
SAHIFA_SEARCH_RATE_PER_MINUTE = int(os.environ.get("SAHIFA_SEARCH_RATE_PER_MINUTE", "60"))
# With SAHIFA_SEARCH_URL (http://user:password@host:9200), an OpenSearch or Elasticsearch
# cluster matches and ranks searches (sahifa.search.cluster); the database index is kept as
# well and answers while the cluster does not. Seconds a search may wait for the cluster,
# how long the database alone answers after a failure, and seconds one bulk request of the
# job worker may take. SAHIFA_SEARCH_CA_CERTS: a CA bundle for a cluster's own certificates.
SAHIFA_SEARCH_URL = os.environ.get("SAHIFA_SEARCH_URL", "")
SAHIFA_SEARCH_INDEX = os.environ.get("SAHIFA_SEARCH_INDEX", "sahifa-articles")
SAHIFA_SEARCH_TIMEOUT = float(os.environ.get("SAHIFA_SEARCH_TIMEOUT", "2"))
SAHIFA_SEARCH_RETRY_SECONDS = float(os.environ.get("SAHIFA_SEARCH_RETRY_SECONDS", "10"))
SAHIFA_SEARCH_INDEX_TIMEOUT = float(os.environ.get("SAHIFA_SEARCH_INDEX_TIMEOUT", "30"))
SAHIFA_SEARCH_CA_CERTS = os.environ.get("SAHIFA_SEARCH_CA_CERTS", "")

# --- Outside services -----------------------------------------------------------------
# Outside fetches (pictures, source feeds, weather, Telegram) refuse private, loopback and
# link-local addresses; hosts, addresses or networks listed here may be reached anyway
# (e.g. "feeds.intranet,10.1.0.0/16"; "*" allows every address).
SAHIFA_OUTBOUND_ALLOWED_HOSTS = env_list("SAHIFA_OUTBOUND_ALLOWED_HOSTS", "")

# Weather in the header (sahifa.weather): Open-Meteo's forecast API, fetched by a job every
# 10 minutes. Cities: comma-separated `key:latitude:longitude` (a known key alone will do);
# the first is the default, readers may pick another.
SAHIFA_WEATHER_URL = os.environ.get("SAHIFA_WEATHER_URL", "https://api.open-meteo.com/v1/forecast")
SAHIFA_WEATHER_CITIES = os.environ.get("SAHIFA_WEATHER_CITIES", "tashkent:41.2995:69.2401")
SAHIFA_WEATHER_TIMEOUT = float(os.environ.get("SAHIFA_WEATHER_TIMEOUT", "5"))

# Telegram (sahifa.telegram, docs/telegram.md): new articles posted to their language's
# channel. A bot token and `language=channel` pairs (`uz=@kun_uz,ru=@kun_ru,en=-100123`);
# nothing is posted without both. The API URL and the deadline per request are settings
# so tests and proxies can change them.
SAHIFA_TELEGRAM_TOKEN = os.environ.get("SAHIFA_TELEGRAM_TOKEN", "").strip()
SAHIFA_TELEGRAM_CHANNELS = {
    code.strip().lower().replace("_", "-"): chat.strip()
    for code, _sep, chat in (
        pair.partition("=") for pair in env_list("SAHIFA_TELEGRAM_CHANNELS", "")
    )
}
SAHIFA_TELEGRAM_API_URL = os.environ.get("SAHIFA_TELEGRAM_API_URL", "https://api.telegram.org")
SAHIFA_TELEGRAM_TIMEOUT = float(os.environ.get("SAHIFA_TELEGRAM_TIMEOUT", "10"))

# Source feeds (sahifa.sources, docs/sources.md): seconds for one feed's whole fetch, the
# largest feed read (bytes, after decompression), and the share of equal MinHash numbers
# from which two items of different sources are one story.
SAHIFA_SOURCES_TIMEOUT = float(os.environ.get("SAHIFA_SOURCES_TIMEOUT", "10"))
SAHIFA_SOURCES_MAX_BYTES = int(os.environ.get("SAHIFA_SOURCES_MAX_BYTES", str(5 * 1024 * 1024)))
SAHIFA_SOURCES_DUPLICATE_THRESHOLD = float(
    os.environ.get("SAHIFA_SOURCES_DUPLICATE_THRESHOLD", "0.4")
)
