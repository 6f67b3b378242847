"""The embedded view buffer: a small SQLite file beside the database, shared by every
web worker process. A beacon is one short write transaction (rate window, reader key,
pending increment); WAL mode lets the processes take turns in microseconds. It is a
separate file so beacons never wait for the site database's write lock, and it works
the same when the site database is PostgreSQL but there is no Redis."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

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

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, until REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_until ON seen (until);
CREATE TABLE IF NOT EXISTS rate (
    window INTEGER NOT NULL, client TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (window, client)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending (
    batch TEXT NOT NULL, article_id INTEGER NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (batch, article_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS per_article (
    key TEXT PRIMARY KEY, n INTEGER NOT NULL, until REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS salt (day TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
"""
UNCLAIMED = ""


class SqliteViewBuffer(ViewBuffer):
    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.path = Path(path)
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        """This thread's connection (a forked server worker opens its own)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_path = self.path.with_name(self.path.name + ".lock")
            lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            # One at a time: connections switching a new file to WAL together fail with
            # "database is locked" at once (SQLite does not wait, to avoid a deadlock).
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(SCHEMA)  # each statement commits on its own
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
            self._local.lock = lock
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextmanager
    def _write(self, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction. Writers queue on a file lock first: the kernel wakes
        the next one the moment the lock is free, where SQLite's own busy wait would
        poll in sleeps of milliseconds."""
        conn = self._db()
        # FULL makes this commit reach the disk (and every beacon before it in the WAL).
        if durable:
            conn.execute("PRAGMA synchronous=FULL")
        fcntl.flock(self._local.lock, fcntl.LOCK_EX)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
        finally:
            fcntl.flock(self._local.lock, fcntl.LOCK_UN)
            if durable:
                conn.execute("PRAGMA synchronous=NORMAL")

    def _load_salt(self, day: date, create: bool) -> bytes | None:
        with self._write() as db:
            if create:
                db.execute(
                    "INSERT OR IGNORE INTO salt (day, value) VALUES (?, ?)",
                    (day.isoformat(), os.urandom(16)),
                )
            row = db.execute("SELECT value FROM salt WHERE day = ?", (day.isoformat(),)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _over_rate(db: sqlite3.Connection, keys: Keys, rate_limit: int) -> bool:
        (n,) = db.execute(
            "INSERT INTO rate (window, client, n) VALUES (?, ?, 1) "
            "ON CONFLICT (window, client) DO UPDATE SET n = n + 1 RETURNING n",
            (keys.window, keys.client),
        ).fetchall()[0]
        return bool(n > rate_limit)

    def _charge(self, keys: Keys, rate_limit: int) -> bool:
        with self._write() as db:
            return not self._over_rate(db, keys, rate_limit)

    @staticmethod
    def _address_full(db: sqlite3.Connection, keys: Keys, limit: int) -> bool:
        row = db.execute(
            "SELECT n FROM per_article WHERE key = ? AND until > ?",
            (keys.address_article, keys.now),
        ).fetchone()
        return bool(row and row[0] >= limit)

    @staticmethod
    def _address_counted(db: sqlite3.Connection, keys: Keys) -> None:
        db.execute(
            "INSERT INTO per_article (key, n, until) VALUES (?, 1, ?) ON CONFLICT (key) DO "
            "UPDATE SET n = CASE WHEN until <= ? THEN 1 ELSE n + 1 END, "
            "until = CASE WHEN until <= ? THEN excluded.until ELSE until END",
            (keys.address_article, keys.now + DEDUP_SECONDS, keys.now, keys.now),
        )

    def _record(self, article_id: int, keys: Keys, limits: Limits) -> Hit:
        day = keys.day.isoformat()
        with self._write() as db:
            if self._over_rate(db, keys, limits.rate):
                return Hit(Outcome.LIMITED, 0)
            counted = not (
                keys.previous_reader
                and db.execute(
                    "SELECT 1 FROM seen WHERE key = ? AND until > ?",
                    (keys.previous_reader, keys.now),
                ).fetchone()
            ) and not self._address_full(db, keys, limits.per_article)
            if counted:
                counted = (
                    db.execute(
                        "INSERT INTO seen (key, until) VALUES (?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET until = excluded.until WHERE seen.until <= ?",
                        (keys.reader, keys.now + DEDUP_SECONDS, keys.now),
                    ).rowcount
                    == 1
                )
            if counted:
                self._address_counted(db, keys)
                rows = db.execute(
                    "INSERT INTO pending (batch, article_id, day, n) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (batch, article_id, day) DO UPDATE SET n = n + 1 RETURNING n",
                    (UNCLAIMED, article_id, day),
                ).fetchall()
            else:
                rows = db.execute(
                    "SELECT n FROM pending WHERE batch = ? AND article_id = ? AND day = ?",
                    (UNCLAIMED, article_id, day),
                ).fetchall()
        return Hit(Outcome.COUNTED if counted else Outcome.REPEAT, rows[0][0] if rows else 0)

    def claim(self, due_seconds: float | None = None) -> str | None:
        batch = uuid.uuid4().hex
        now = time.time()
        with self._write(durable=True) as db:
            if due_seconds is not None:
                row = db.execute("SELECT value FROM meta WHERE key = 'last_flush'").fetchone()
                if row and now - row[0] < due_seconds:
                    return None
                db.execute(
                    "INSERT INTO meta (key, value) VALUES ('last_flush', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (now,),
                )
            moved = db.execute(
                "UPDATE pending SET batch = ? WHERE batch = ?", (batch, UNCLAIMED)
            ).rowcount
        return batch if moved else None

    def batches(self) -> list[str]:
        rows = self._db().execute("SELECT DISTINCT batch FROM pending WHERE batch != ?", ("",))
        return [r[0] for r in rows]

    def _counts(self, batch: str) -> Counts:
        rows = self._db().execute(
            "SELECT article_id, day, n FROM pending WHERE batch = ?", (batch,)
        )
        return {(a, date.fromisoformat(d)): n for a, d, n in rows}

    def batch_counts(self, batch_id: str) -> Counts:
        return self._counts(batch_id)

    def unclaimed(self) -> Counts:
        return self._counts(UNCLAIMED)

    def release(self, batch_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM pending WHERE batch = ?", (batch_id,))

    def clean(self) -> None:
        now = time.time()
        oldest_salt = (timezone.localdate() - timedelta(days=2)).isoformat()
        with self._write() as db:
            db.execute("DELETE FROM seen WHERE until <= ?", (now,))
            db.execute("DELETE FROM per_article WHERE until <= ?", (now,))
            db.execute("DELETE FROM rate WHERE window < ?", (int(now // RATE_WINDOW_SECONDS) - 1,))
            db.execute("DELETE FROM salt WHERE day < ?", (oldest_salt,))
