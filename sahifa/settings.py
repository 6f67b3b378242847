"""Sahifa's settings: one place, driven by environment variables with safe defaults.

With no environment at all the site runs on an SQLite file and a SQLite job queue
under ``var/``. Set ``DATABASE_URL`` (``postgres://...``) and ``REDIS_URL`` to grow.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

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
SAHIFA_BASE_URL = os.environ.get("SAHIFA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
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
    "sahifa.feeds",
    "sahifa.sitemap",
    "sahifa.social",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
    # Room for every picture size Wagtail remembers beside the page blocks (default 300).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
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
}

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

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
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"

# --- Wagtail --------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Translations in the admin: wagtail-localize (README "Languages"). Machine translation
# needs no outside service for Uzbek Latin <-> Cyrillic; SAHIFA_MT_SERVICE adds one.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)
# Uzbek Cyrillic articles and categories written from the Latin ones on save.
SAHIFA_CYRILLIC_FROM_LATIN = env_bool("SAHIFA_CYRILLIC_FROM_LATIN", True)

# --- Sahifa ---------------------------------------------------------------------------
# `sahifa serve` writes an access log line per request (off when a proxy logs already).
SAHIFA_ACCESS_LOG = env_bool("SAHIFA_ACCESS_LOG", True)
SAHIFA_PAGE_SIZE = int(os.environ.get("SAHIFA_PAGE_SIZE", "20"))
SAHIFA_SIMILAR_COUNT = 6
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
# Addresses of our own reverse proxies / load balancers: only their X-Forwarded-For is believed.
SAHIFA_TRUSTED_PROXIES = env_list("SAHIFA_TRUSTED_PROXIES", "")

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

# --- Security and logging -------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
if env_bool("SAHIFA_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Search (sahifa.search, docs/search.md): the embedded index of the database (SQLite FTS5
# or PostgreSQL full-text search); searches a client may make per minute (0: no limit).
SAHIFA_SEARCH_RATE_PER_MINUTE = int(os.environ.get("SAHIFA_SEARCH_RATE_PER_MINUTE", "60"))
