"""What every view buffer does. A buffer takes beacons (rate limit, deduplication,
increment: one atomic step) and hands the increments to the flush in batches:

1. ``claim`` moves everything pending into a new batch, atomically, so beacons that
   arrive meanwhile start a fresh pending set;
2. the flush applies the batch to the database together with a record of its id;
3. ``release`` forgets the batch. A batch left behind by a crash between 2 and 3 is
   found by ``batches`` and released without being applied twice."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, overload

from django.conf import settings
from django.utils import timezone

from sahifa.popularity import readers

# One reader reading one article counts once in this many seconds.
DEDUP_SECONDS = 30 * 60
RATE_WINDOW_SECONDS = 60

# (article id, day in the site's time zone) -> views.
Counts = dict[tuple[int, date], int]


class Outcome(enum.Enum):
    COUNTED = "counted"
    REPEAT = "repeat"
    LIMITED = "limited"


@dataclass(frozen=True)
class Hit:
    outcome: Outcome
    # Views of the article buffered today and not yet claimed by a flush, this one included.
    pending: int


@dataclass(frozen=True)
class Keys:
    """The hashed keys of one beacon: nothing in them names a person."""

    reader: str
    previous_reader: str | None  # yesterday's salt, early in the day: no double count at midnight
    client: str
    # One client address reading one article (whatever browsers it claims to be).
    address_article: str
    day: date
    window: int
    now: float


@dataclass(frozen=True)
class Limits:
    rate: int  # beacons a client address may send a minute
    per_article: int  # views one address may add to one article in DEDUP_SECONDS

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            settings.SAHIFA_VIEWS_RATE_PER_MINUTE, settings.SAHIFA_VIEWS_PER_ADDRESS_AND_ARTICLE
        )


class ViewBuffer(ABC):
    def __init__(self) -> None:
        self._salts: dict[date, bytes] = {}

    # --- Beacons ----------------------------------------------------------------------
    def record(
        self, article_id: int, client: str, user_agent: str, now: datetime | None = None
    ) -> Hit:
        """Count one beacon unless the client is over its rate or the reader was counted
        for this article in the last DEDUP_SECONDS."""
        keys = self.keys(article_id, client, user_agent, now or timezone.now())
        return self._record(article_id, keys, Limits.from_settings())

    def charge(self, client: str, now: datetime | None = None) -> bool:
        """Count a beacon that counts no view (an unknown article) against its client's
        rate; False when the client is over it."""
        keys = self.keys(0, client, "", now or timezone.now())
        return self._charge(keys, settings.SAHIFA_VIEWS_RATE_PER_MINUTE)

    def keys(self, article_id: int, client: str, user_agent: str, now: datetime) -> Keys:
        local = timezone.localtime(now)
        day = local.date()
        salt = self.salt(day)
        previous = None
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if (local - midnight).total_seconds() < DEDUP_SECONDS:
            old_salt = self.salt(day - timedelta(days=1), create=False)
            if old_salt:
                previous = readers.reader_key(old_salt, client, user_agent, article_id)
        stamp = now.timestamp()
        return Keys(
            reader=readers.reader_key(salt, client, user_agent, article_id),
            previous_reader=previous,
            client=readers.client_key(salt, client),
            address_article=readers.address_article_key(salt, client, article_id),
            day=day,
            window=int(stamp // RATE_WINDOW_SECONDS),
            now=stamp,
        )

    @overload
    def salt(self, day: date, create: Literal[True] = True) -> bytes: ...
    @overload
    def salt(self, day: date, create: bool) -> bytes | None: ...

    def salt(self, day: date, create: bool = True) -> bytes | None:
        """The day's random salt, shared by every process; made on first use."""
        if not self._salts.get(day) and (day not in self._salts or create):
            if len(self._salts) > 4:
                self._salts.clear()
            # b"" remembers a past day without a salt: it will not get one later.
            self._salts[day] = self._load_salt(day, create) or b""
        return self._salts[day] or None

    @abstractmethod
    def _load_salt(self, day: date, create: bool) -> bytes | None: ...

    @abstractmethod
    def _record(self, article_id: int, keys: Keys, limits: Limits) -> Hit: ...

    @abstractmethod
    def _charge(self, keys: Keys, rate_limit: int) -> bool: ...

    # --- Flushing ---------------------------------------------------------------------
    @abstractmethod
    def claim(self, due_seconds: float | None = None) -> str | None:
        """Move what is pending into a new batch and return its id; None when nothing
        is pending or, with ``due_seconds``, when another flush ran more recently."""

    @abstractmethod
    def batches(self) -> list[str]:
        """Ids of claimed batches not yet released (left by a crash or a running flush)."""

    @abstractmethod
    def batch_counts(self, batch_id: str) -> Counts: ...

    @abstractmethod
    def release(self, batch_id: str) -> None: ...

    def pending_total(self) -> int:
        """Views waiting in the buffer, claimed or not."""
        total = sum(self.unclaimed().values())
        return total + sum(sum(self.batch_counts(b).values()) for b in self.batches())

    @abstractmethod
    def unclaimed(self) -> Counts: ...

    def clean(self) -> None:  # noqa: B027 (Redis expires its keys by itself)
        """Forget expired reader keys, rate windows and old salts."""
        return None
