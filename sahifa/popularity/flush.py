"""Writing buffered views to the database: in batches, each exactly once.

A batch is applied in one transaction that also records its id (``AppliedBatch``); a
batch whose id is already recorded is only released. So a crash at any point loses at
most what was still pending and never counts a view twice.

Every web process that has taken a beacon runs a background thread that flushes every
``SAHIFA_VIEWS_FLUSH_SECONDS``; the buffer's due-check lets only one process flush per
interval. The job queue flushes once a minute as a safety net, and `sahifa views
flush` flushes at once."""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import random
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.popularity.buffers import Counts, ViewBuffer, get_buffer
from sahifa.popularity.models import AppliedBatch, DailyViews

log = logging.getLogger(__name__)
KEEP_APPLIED_BATCHES = timedelta(days=2)


def flush(buffer: ViewBuffer | None = None, due_seconds: float | None = None) -> int:
    """Apply leftover batches, then everything pending; return the views written.
    With ``due_seconds``, skip the new batch if another flush ran more recently."""
    buffer = buffer or get_buffer()
    written = sum(_apply_and_release(buffer, batch) for batch in buffer.batches())
    batch = buffer.claim(due_seconds)
    if batch:
        written += _apply_and_release(buffer, batch)
    buffer.clean()
    return written


def _apply_and_release(buffer: ViewBuffer, batch_id: str) -> int:
    written = apply_batch(batch_id, buffer.batch_counts(batch_id))
    buffer.release(batch_id)
    return written


def apply_batch(batch_id: str, counts: Counts) -> int:
    """Add a batch to the totals and daily counts, unless it was applied before."""
    try:
        with _durable(), transaction.atomic():
            # First, so a second flush of the same batch stops here (unique id).
            AppliedBatch.objects.create(batch_id=batch_id)
            written = _add_counts(counts)
            AppliedBatch.objects.filter(
                applied_at__lt=timezone.now() - KEEP_APPLIED_BATCHES
            ).delete()
    except IntegrityError:
        if AppliedBatch.objects.filter(batch_id=batch_id).exists():
            return 0
        raise
    return written


def _add_counts(counts: Counts) -> int:
    known = set(Article.objects.filter(pk__in={a for a, _ in counts}).values_list("pk", flat=True))
    rows = [(a, day, n) for (a, day), n in counts.items() if a in known and n > 0]
    if len(rows) < len(counts):
        log.info("Dropped views of %d deleted articles", len(counts) - len(rows))
    table = DailyViews._meta.db_table
    with connection.cursor() as cursor:
        # Django's upsert can only overwrite; this adds (same SQL on SQLite and PostgreSQL).
        cursor.executemany(
            f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + excluded.views",
            rows,
        )
    totals: dict[int, int] = defaultdict(int)
    for article_id, _day, n in rows:
        totals[article_id] += n
    actions.add_views(totals)
    return sum(totals.values())


@contextmanager
def _durable() -> Iterator[None]:
    """On SQLite (WAL, synchronous=NORMAL) make this commit reach the disk, so a flushed
    batch survives a power cut; PostgreSQL commits durably anyway."""
    # Inside an outer transaction (tests) the pragma is refused; that commit decides.
    sqlite = connection.vendor == "sqlite" and not connection.in_atomic_block
    if sqlite:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=FULL")
    try:
        yield
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")


# --- The background flusher of a web process --------------------------------------------
_started_in_pid = 0
_start_lock = threading.Lock()


def ensure_flusher() -> None:
    """Start this process's flusher thread once (no-op when the interval is 0)."""
    global _started_in_pid
    interval = settings.SAHIFA_VIEWS_FLUSH_SECONDS
    if interval <= 0 or _started_in_pid == os.getpid():
        return
    with _start_lock:
        if _started_in_pid == os.getpid():
            return
        _started_in_pid = os.getpid()
        threading.Thread(target=_run, args=(interval,), name="views-flusher", daemon=True).start()
        # Server workers are multiprocessing children, which leave without running
        # atexit; multiprocessing's own exit finalizers run there and in a plain process.
        multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=10)


def _run(interval: float) -> None:
    while True:
        # Several processes look a few times per interval; the due-check lets one flush.
        time.sleep(interval * random.uniform(0.2, 0.3))
        try:
            close_old_connections()
            flush(due_seconds=interval)
        except Exception:  # keep flushing later: the views stay in the buffer
            log.exception("Flushing views failed; will retry")
        finally:
            connection.close()


def _flush_at_exit() -> None:
    started = time.monotonic()
    try:
        written = flush()
        log.info("Wrote %d views at exit in %.2f s", written, time.monotonic() - started)
    except Exception:
        log.exception("Flushing views at exit failed; they stay in the buffer")
