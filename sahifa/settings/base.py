"""The site itself: apps, middleware, templates, the database, languages and time,
static files, Wagtail, and how much a page shows."""

import os

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from sahifa.core.addresses import base_url
from sahifa.languages.mt_config import machine_translator
from sahifa.settings.env import BASE_DIR, VAR_DIR, env_bool

DEBUG = env_bool("DEBUG")
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
    # Kept public pages are served from here on, before sessions, languages and views,
    # with the Content-Security-Policy they were kept with: building the policy was a
    # quarter of serving a kept page (docs/caching.md).
    "sahifa.pagecache.middleware.PageCacheMiddleware",
    "sahifa.core.security.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# /favicon.ico and /apple-touch-icon.png, which browsers ask for at the root.
WHITENOISE_ROOT = BASE_DIR / "social" / "static" / "social" / "site-root"

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

# --- What pages show ------------------------------------------------------------------
SAHIFA_PAGE_SIZE = int(os.environ.get("SAHIFA_PAGE_SIZE", "20"))
SAHIFA_SIMILAR_COUNT = 6
# Where imported articles whose line names no subject go (docs/ninjs.md): the slug of a
# category, made in the article's language when missing.
SAHIFA_DEFAULT_CATEGORY = os.environ.get("SAHIFA_DEFAULT_CATEGORY", "news")
# Addresses per article sitemap file (docs/feeds-and-sitemaps.md): the protocol's limit;
# lower on sites whose every article exists in four languages (files near 50 MB).
SAHIFA_SITEMAP_URLS_PER_FILE = int(os.environ.get("SAHIFA_SITEMAP_URLS_PER_FILE", "50000"))
