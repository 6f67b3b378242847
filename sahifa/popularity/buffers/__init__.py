"""The view buffer the settings choose: Redis with REDIS_URL, else the SQLite file."""

from __future__ import annotations

from django.conf import settings

from sahifa.popularity.buffers.base import Counts, Hit, Outcome, ViewBuffer

_buffers: dict[tuple, ViewBuffer] = {}


def get_buffer() -> ViewBuffer:
    """One buffer object per configuration (it keeps per-process connections)."""
    if settings.REDIS_URL:
        config: tuple = ("redis", settings.REDIS_URL, settings.SAHIFA_VIEWS_REDIS_PREFIX)
    else:
        config = ("sqlite", str(settings.SAHIFA_VIEWS_BUFFER_FILE))
    if config not in _buffers:
        _buffers[config] = _make(config)
    return _buffers[config]


def _make(config: tuple) -> ViewBuffer:
    if config[0] == "redis":
        from sahifa.popularity.buffers.redis import RedisViewBuffer

        return RedisViewBuffer(config[1], config[2])
    from sahifa.popularity.buffers.sqlite import SqliteViewBuffer

    return SqliteViewBuffer(config[1])


__all__ = ["Counts", "Hit", "Outcome", "ViewBuffer", "get_buffer"]
