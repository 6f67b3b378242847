"""The Redis view buffer (when REDIS_URL is set): one Lua script per beacon does the
rate limit (INCR with expiry), the deduplication (SET NX EX) and the increment
(HINCRBY) atomically in one round trip, for every web server at once."""

from __future__ import annotations

import os
import uuid
from datetime import date
from typing import cast

from redis import Redis

from sahifa.popularity.buffers.base import (
    DEDUP_SECONDS,
    RATE_WINDOW_SECONDS,
    Counts,
    Hit,
    Keys,
    Limits,
    Outcome,
    ViewBuffer,
)

SALT_SECONDS = 3 * 24 * 3600

# KEYS: rate, reader, pending, address-article[, previous reader];
# ARGV: limit, rate ttl, dedup ttl, field, views per address and article.
RECORD = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return {-1, 0} end
if (KEYS[5] == nil or redis.call('EXISTS', KEYS[5]) == 0)
    and tonumber(redis.call('GET', KEYS[4]) or '0') < tonumber(ARGV[5])
    and redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then
  if redis.call('INCR', KEYS[4]) == 1 then redis.call('EXPIRE', KEYS[4], ARGV[3]) end
  return {1, redis.call('HINCRBY', KEYS[3], ARGV[4], 1)}
end
return {0, tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0')}
"""

# KEYS: rate; ARGV: limit, rate ttl.
CHARGE = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return n <= tonumber(ARGV[1]) and 1 or 0
"""

# KEYS: pending, batch, batches; ARGV: batch id.
CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
"""

_OUTCOMES = {1: Outcome.COUNTED, 0: Outcome.REPEAT, -1: Outcome.LIMITED}


class RedisViewBuffer(ViewBuffer):
    def __init__(self, url: str, prefix: str) -> None:
        super().__init__()
        self.url, self.prefix = url, prefix
        self._client: Redis | None = None
        self._pid = 0

    @property
    def redis(self) -> Redis:
        return self._connect()

    def _connect(self) -> Redis:
        """This process's client (a forked server worker makes its own). It does not
        decode responses: every key and value it reads back is bytes."""
        if self._client is None or self._pid != os.getpid():
            self._client = Redis.from_url(self.url, socket_timeout=5)
            self._record_script = self._client.register_script(RECORD)
            self._claim_script = self._client.register_script(CLAIM)
            self._charge_script = self._client.register_script(CHARGE)
            self._pid = os.getpid()
        return self._client

    def key(self, *parts: object) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    def _load_salt(self, day: date, create: bool) -> bytes | None:
        key = self.key("salt", day.isoformat())
        if create:
            self.redis.set(key, os.urandom(16), nx=True, ex=SALT_SECONDS)
        return cast(bytes | None, self.redis.get(key))

    def _record(self, article_id: int, keys: Keys, limits: Limits) -> Hit:
        redis_keys = [
            self.key("rate", keys.window, keys.client),
            self.key("seen", keys.reader),
            self.key("pending"),
            self.key("per-article", keys.address_article),
        ]
        if keys.previous_reader:
            redis_keys.append(self.key("seen", keys.previous_reader))
        self._connect()
        field = _field(article_id, keys.day)
        outcome, pending = self._record_script(
            keys=redis_keys,
            args=[limits.rate, RATE_WINDOW_SECONDS * 2, DEDUP_SECONDS, field, limits.per_article],
        )
        return Hit(_OUTCOMES[int(outcome)], int(pending))

    def _charge(self, keys: Keys, rate_limit: int) -> bool:
        self._connect()
        rate_key = self.key("rate", keys.window, keys.client)
        allowed = self._charge_script(keys=[rate_key], args=[rate_limit, RATE_WINDOW_SECONDS * 2])
        return bool(int(allowed))

    def claim(self, due_seconds: float | None = None) -> str | None:
        if due_seconds is not None and not self.redis.set(
            self.key("flush-due"), 1, nx=True, px=max(1, int(due_seconds * 1000))
        ):
            return None
        batch = uuid.uuid4().hex
        self._connect()
        keys = [self.key("pending"), self.key("batch", batch), self.key("batches")]
        return batch if self._claim_script(keys=keys, args=[batch]) else None

    def batches(self) -> list[str]:
        members = cast(set[bytes], self.redis.smembers(self.key("batches")))
        return sorted(b.decode() for b in members)

    def _counts(self, key: str) -> Counts:
        counts: Counts = {}
        for field, n in cast(dict[bytes, bytes], self.redis.hgetall(key)).items():
            article_id, day = field.decode().split(":")
            counts[(int(article_id), date.fromisoformat(day))] = int(n)
        return counts

    def batch_counts(self, batch_id: str) -> Counts:
        return self._counts(self.key("batch", batch_id))

    def unclaimed(self) -> Counts:
        return self._counts(self.key("pending"))

    def release(self, batch_id: str) -> None:
        pipe = self.redis.pipeline()
        pipe.delete(self.key("batch", batch_id))
        pipe.srem(self.key("batches"), batch_id)
        pipe.execute()

    def delete_everything(self) -> None:
        """Drop every key of this buffer (tests and benchmarks use their own prefix)."""
        names = list(self.redis.scan_iter(match=f"{self.prefix}:*", count=1000))
        if names:
            self.redis.delete(*names)


def _field(article_id: int, day: date) -> str:
    return f"{article_id}:{day.isoformat()}"
