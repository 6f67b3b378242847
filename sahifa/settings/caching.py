"""Caches (docs/caching.md): the shared cache and the fragments' own, whole pages kept
and purged by key, and the caches in front of the site (Varnish)."""

import os
from typing import Any

from sahifa.settings.env import VAR_DIR, env_bool, env_list

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

# Generations (sahifa/core/blocks.py, sahifa/pagecache/store.py): the small numbers that
# say what is current. A full cache drops what was stored longest ago, and generations
# are stored once and read on every request: dropped, each counts as a change, and every
# page and block is built again while the cache stays full. They live apart, never
# evicted (Redis: the same server; its maxmemory-policy must be volatile-*, so only keys
# with a time to live go, docs/deploy.md).
if REDIS_URL:
    CACHES["generations"] = {**CACHES["default"], "TIMEOUT": None}
else:
    CACHES["generations"] = {
        "BACKEND": "sahifa.core.cache.SharedDiskCache",
        "LOCATION": str(VAR_DIR / "generations"),
        "TIMEOUT": None,
        "DATABASE_TIMEOUT": 0.25,
        "OPTIONS": {"eviction_policy": "none"},
    }
SAHIFA_GENERATIONS_ALIAS = "generations"

# Template fragments ({% cache ... using="fragments" %}) name the generations of what they
# show, so a process may keep its own copies: no round trip to the shared cache.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}

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
