"""Searches per client and minute, counted in Django's cache (shared by every process
with Redis): past the limit a client gets 429 until the minute is over."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from sahifa.popularity.readers import client_address


def allowed(request: HttpRequest, bucket: str = "search", scale: int = 1) -> bool:
    limit = settings.SAHIFA_SEARCH_RATE_PER_MINUTE * scale
    if limit <= 0:
        return True
    minute = int(time.time() // 60)
    key = f"search:rate:{bucket}:{client_address(request.META)}:{minute}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    return count <= limit
