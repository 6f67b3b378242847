"""Sahifa's settings: one place, driven by environment variables with safe defaults.

With no environment at all the site runs on an SQLite file and a SQLite job queue
under ``var/``. Set ``DATABASE_URL`` (``postgres://...``) and ``REDIS_URL`` to grow.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from sahifa.core.addresses import base_url
from sahifa.core.media_config import s3_media_storage
from sahifa.languages.mt_config import machine_translator

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("SAHIFA_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from the environment, else one made once and kept in var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The site's public address (canonical links, feeds, og:image...): by default the one
# `sahifa serve` listens on (HOST, PORT), so a demo on another port names itself right.
SAHIFA_BASE_URL = base_url(os.environ)
WAGTAILADMIN_BASE_URL = SAHIFA_BASE_URL
WAGTAIL_SITE_NAME = os.environ.get("SAHIFA_SITE_NAME", "Sahifa")

INSTALLED_APPS = [
    "sahifa.core",
    "sahifa.images",
    "sahifa.articles",
    "sahifa.pages",
    "sahifa.interchange",
    "sahifa.related",
    "sahifa.demo",
    "sahifa.popularity",
    "sahifa.weather",
    "sahifa.languages",
    "sahifa.telegram",
    "sahifa.sources",
    "sahifa.feeds",
    "sahifa.sitemap",
    "sahifa.social",
    "sahifa.pagecache",
    "sahifa.edge",
    "sahifa.search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail_localize",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "huey.contrib.djhuey",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: times and counts every request, whatever the others answer.
    "sahifa.core.observe.RequestObserver",
    "django.middleware.security.SecurityMiddleware",
    "sahifa.core.security.permissions_policy",
    "sahifa.core.security.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Kept public pages are served from here on, before sessions, languages and views.
    "sahifa.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it answers a locked-out client instead of the sign-in view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sahifa.urls"
WSGI_APPLICATION = "sahifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sahifa.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sahifa.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests like PostgreSQL's (conn_max_age above):
    # opening SQLite and reading its schema again cost several ms on every page.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside one writer; IMMEDIATE avoids lock upgrades that
        # fail with "database is locked" when several processes write.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and job queue --------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sahifa",
        }
    }
else:
    # Shared by every worker process on this machine (SQLite files under var/cache):
    # a purge or a renewed block is seen by all of them at once (sahifa/core/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "sahifa.core.cache.SharedDiskCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 300,
            "SHARDS": 8,
            "DATABASE_TIMEOUT": 0.25,
            "OPTIONS": {"size_limit": int(os.environ.get("SAHIFA_CACHE_MB", "1024")) * 2**20},
        }
    }

# Template fragments ({% cache ... using="fragments" %}) name the generations of what they
# show, so a process may keep its own copies: no round trip to the shared cache.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}

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

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Failed sign-ins (django-axes, docs/security.md): an account, or a client address, is
# locked after this many failures in a row, for SAHIFA_LOGIN_LOCKOUT_MINUTES; a locked
# client is refused before its password is checked (no hashing work). The address is
# found as for view counting: X-Forwarded-For only from SAHIFA_TRUSTED_PROXIES, so a
# proxy's own address is never locked for everyone behind it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SAHIFA_LOGIN_FAILURE_LIMIT", "10"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SAHIFA_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every command
AXES_CLIENT_IP_CALLABLE = "sahifa.core.clients.request_address"
AXES_LOCKOUT_CALLABLE = "sahifa.core.logins.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Staff who enrolled an authenticator app give its code at sign-in (django-otp).
WAGTAILADMIN_USER_LOGIN_FORM = "sahifa.core.logins.SignInForm"
OTP_TOTP_ISSUER = os.environ.get("SAHIFA_SITE_NAME", "Sahifa")

# --- Languages and time ---------------------------------------------------------------
# Django has no "uz-cyrl"; teach it the name so language menus and Wagtail can show it.
LANG_INFO.setdefault(
    "uz-cyrl",
    {"bidi": False, "code": "uz-cyrl", "name": "Uzbek (Cyrillic)", "name_local": "Ўзбекча"},
)
LANGUAGE_CODE = "uz"
LANGUAGES = [
    ("uz", _("Uzbek (Latin)")),
    ("uz-cyrl", _("Uzbek (Cyrillic)")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# The script subtag each language carries in hreflang and <html lang>.
SAHIFA_HREFLANG = {"uz": "uz-Latn", "uz-cyrl": "uz-Cyrl", "ru": "ru", "en": "en"}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tashkent")
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "sahifa.core.storage.StaticStorage",
    },
}
# /favicon.ico and /apple-touch-icon.png, which browsers ask for at the root.
WHITENOISE_ROOT = BASE_DIR / "social" / "static" / "social" / "site-root"
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

# --- Wagtail --------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_COMMENTS_ENABLED = False
# No admin page asks an outside service for anything: avatars are Wagtail's own picture
# (or one an editor uploads), never Gravatar's.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Translations in the admin: wagtail-localize (README "Languages"). Machine translation
# needs no outside service for Uzbek Latin <-> Cyrillic; SAHIFA_MT_SERVICE adds one.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)
# Uzbek Cyrillic articles and categories written from the Latin ones on save.
SAHIFA_CYRILLIC_FROM_LATIN = env_bool("SAHIFA_CYRILLIC_FROM_LATIN", True)

# --- Sahifa ---------------------------------------------------------------------------
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
SAHIFA_PAGE_SIZE = int(os.environ.get("SAHIFA_PAGE_SIZE", "20"))
SAHIFA_SIMILAR_COUNT = 6
# Where imported articles whose line names no subject go (docs/ninjs.md): the slug of a
# category, made in the article's language when missing.
SAHIFA_DEFAULT_CATEGORY = os.environ.get("SAHIFA_DEFAULT_CATEGORY", "news")
# Addresses per article sitemap file (docs/feeds-and-sitemaps.md): the protocol's limit;
# lower on sites whose every article exists in four languages (files near 50 MB).
SAHIFA_SITEMAP_URLS_PER_FILE = int(os.environ.get("SAHIFA_SITEMAP_URLS_PER_FILE", "50000"))

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
# Addresses of our own reverse proxies / load balancers: only their X-Forwarded-For is believed.
SAHIFA_TRUSTED_PROXIES = env_list("SAHIFA_TRUSTED_PROXIES", "")
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

# --- Operations (docs/operations.md) -------------------------------------------------
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

# Source feeds (sahifa.sources, docs/sources.md): seconds for one feed's whole fetch, the
# largest feed read (bytes, after decompression), and the share of equal MinHash numbers
# from which two items of different sources are one story.
SAHIFA_SOURCES_TIMEOUT = float(os.environ.get("SAHIFA_SOURCES_TIMEOUT", "10"))
SAHIFA_SOURCES_MAX_BYTES = int(os.environ.get("SAHIFA_SOURCES_MAX_BYTES", str(5 * 1024 * 1024)))
SAHIFA_SOURCES_DUPLICATE_THRESHOLD = float(
    os.environ.get("SAHIFA_SOURCES_DUPLICATE_THRESHOLD", "0.4")
)

# Page cache (sahifa.pagecache, docs/caching.md): public pages kept whole and purged by
# surrogate key on change events. Off: every request is rendered (benchmarks of renders).
SAHIFA_PAGE_CACHE = env_bool("SAHIFA_PAGE_CACHE", True)
SAHIFA_PAGE_CACHE_ALIAS = "default"
# A kept page is served this long unless purged sooner (deep list pages, Most read and the
# weather follow this); also the s-maxage of caches in front.
SAHIFA_PAGE_CACHE_SECONDS = int(os.environ.get("SAHIFA_PAGE_CACHE_SECONDS", "60"))
# Past that, served while one process renders it again (stale-while-revalidate)...
SAHIFA_PAGE_CACHE_SWR_SECONDS = int(os.environ.get("SAHIFA_PAGE_CACHE_SWR_SECONDS", "30"))
# ...and kept this long for readers when the database is unreachable (stale-if-error).
SAHIFA_PAGE_CACHE_STALE_SECONDS = int(os.environ.get("SAHIFA_PAGE_CACHE_STALE_SECONDS", "86400"))
SAHIFA_PAGE_CACHE_LOCK_SECONDS = 5  # longest render one process may hold a page for
SAHIFA_PAGE_CACHE_RETRY_AFTER = 30  # Retry-After of the 503 page
SAHIFA_DB_RETRY_SECONDS = float(os.environ.get("SAHIFA_DB_RETRY_SECONDS", "2"))
# Who purges pages by key on a change: the page cache, then any cache in front.
SAHIFA_PAGE_PURGERS = ["sahifa.pagecache.store.StorePurger", *env_list("SAHIFA_PAGE_PURGERS", "")]

# Caches in front (sahifa.edge, docs/deploy.md): Varnish addresses (comma-separated) the
# job worker sends `PURGE` by surrogate key to when content changes, and the seconds one
# purge request may take.
SAHIFA_PURGE_URLS = env_list("SAHIFA_PURGE_URLS", "")
SAHIFA_PURGE_TIMEOUT = float(os.environ.get("SAHIFA_PURGE_TIMEOUT", "3"))
# Each purge goes out again this much later (0: once), for a page fetched from an app
# server in the moment before it saw the purge (sahifa/edge/tasks.py).
SAHIFA_PURGE_AGAIN_SECONDS = float(os.environ.get("SAHIFA_PURGE_AGAIN_SECONDS", "1.2"))
# Its purger follows the page cache's (it sends nothing while SAHIFA_PURGE_URLS is empty).
SAHIFA_PAGE_PURGERS.append("sahifa.edge.purger.VarnishPurger")

# --- Security and logging -------------------------------------------------------------
# docs/security.md. Behind HTTPS (a proxy that sets X-Forwarded-Proto), SAHIFA_HTTPS=1
# sends plain HTTP to HTTPS, sets HSTS and keeps cookies to HTTPS.
SAHIFA_HTTPS = env_bool("SAHIFA_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page may be framed; Wagtail's preview frames itself (it says SAMEORIGIN on its own).
X_FRAME_OPTIONS = "DENY"
if SAHIFA_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAHIFA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAHIFA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SAHIFA_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# Signed-in sessions (the newsroom: readers have none) end after this long without a
# request; each request starts the time again.
SESSION_COOKIE_AGE = int(os.environ.get("SAHIFA_ADMIN_IDLE_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp): the public site runs only its own script files.
# Inline style attributes stay allowed (the view counter's width); embeds in articles
# may frame https pages.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "https:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": ["https:"],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
# The Wagtail admin runs inline scripts and frames its own previews.
SAHIFA_CSP_ADMIN = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", "https:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF, "https:"],
    "object-src": [_NONE],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}

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
    "loggers": {"django.db.backends": {"level": "INFO"}},
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

# Search (sahifa.search, docs/search.md): the embedded index of the database (SQLite FTS5
# or PostgreSQL full-text search); searches a client may make per minute (0: no limit).
SAHIFA_SEARCH_RATE_PER_MINUTE = int(os.environ.get("SAHIFA_SEARCH_RATE_PER_MINUTE", "60"))

# --- Search cluster (sahifa.search.cluster, docs/search.md) ------------------------------
# With SAHIFA_SEARCH_URL (http://user:password@host:9200), an OpenSearch or Elasticsearch
# cluster matches and ranks searches; the database index is kept as well and answers
# while the cluster does not. Seconds a search may wait for the cluster, how long the
# database alone answers after a failure, and seconds one bulk request of the job worker
# may take. SAHIFA_SEARCH_CA_CERTS: a CA bundle for a cluster with its own certificates.
SAHIFA_SEARCH_URL = os.environ.get("SAHIFA_SEARCH_URL", "")
SAHIFA_SEARCH_INDEX = os.environ.get("SAHIFA_SEARCH_INDEX", "sahifa-articles")
SAHIFA_SEARCH_TIMEOUT = float(os.environ.get("SAHIFA_SEARCH_TIMEOUT", "2"))
SAHIFA_SEARCH_RETRY_SECONDS = float(os.environ.get("SAHIFA_SEARCH_RETRY_SECONDS", "10"))
SAHIFA_SEARCH_INDEX_TIMEOUT = float(os.environ.get("SAHIFA_SEARCH_INDEX_TIMEOUT", "30"))
SAHIFA_SEARCH_CA_CERTS = os.environ.get("SAHIFA_SEARCH_CA_CERTS", "")
# The client logs every failed request (the search says it once a run of failures) and
# every request as a curl command line at INFO.
LOGGING["loggers"]["opensearch"] = {"level": "ERROR"}
LOGGING["loggers"]["opensearchpy.trace"] = {"level": "WARNING"}
# --- end of the search cluster's settings ---------------------------------------------------
