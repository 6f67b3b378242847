"""Following the job worker: every finished job is counted in the metrics (by job and
outcome), and each periodic job's last run is kept in ``JobRun`` for the admin. Huey's
signals are sent in the worker thread that ran the job, right after it."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from huey import signals
from huey.api import PeriodicTask

from sahifa.core import metrics

log = logging.getLogger(__name__)
# Outcomes counted; "executing" only starts the clock.
FINISHED = (
    signals.SIGNAL_COMPLETE,
    signals.SIGNAL_ERROR,
    signals.SIGNAL_TIMEOUT,
    signals.SIGNAL_CANCELED,
    signals.SIGNAL_LOCKED,
    signals.SIGNAL_EXPIRED,
    signals.SIGNAL_RATE_LIMITED,
    signals.SIGNAL_INTERRUPTED,
)
_started: dict[str, float] = {}  # task id -> monotonic start


def job_name(task: Any) -> str:
    return f"{type(task).__module__}.{task.name}"


def started(signal: str, task: Any, *args: Any) -> None:
    _started[task.id] = time.monotonic()


def finished(signal: str, task: Any, exc: BaseException | None = None, *args: Any) -> None:
    began = _started.pop(task.id, None)
    name = job_name(task)
    metrics.count_job(name, signal)
    if not isinstance(task, PeriodicTask):
        return
    seconds = None if began is None else time.monotonic() - began
    try:
        record_run(name, signal == signals.SIGNAL_COMPLETE, seconds, exc)
    except Exception:  # the job's own outcome stands; only its record is missing
        log.exception("Could not record the run of %s", name)
    finally:
        if not connection.in_atomic_block:
            close_old_connections()


def record_run(
    name: str, succeeded: bool, seconds: float | None, exc: BaseException | None = None
) -> None:
    from sahifa.core.models import JobRun

    now = timezone.now()
    began = now - timedelta(seconds=seconds) if seconds is not None else now
    fields: dict[str, Any] = {
        "last_started_at": began,
        "last_finished_at": now,
        "last_succeeded": succeeded,
        "last_duration": seconds,
        "last_error": "" if succeeded else f"{type(exc).__name__}: {exc}"[:2000],
        "last_success_at" if succeeded else "last_failure_at": now,
    }
    changes = {**fields, "runs": F("runs") + 1}
    if not succeeded:
        changes["failures"] = F("failures") + 1
    if JobRun.objects.filter(name=name).update(**changes):
        return
    try:
        with transaction.atomic():
            JobRun.objects.create(name=name, runs=1, failures=0 if succeeded else 1, **fields)
    except IntegrityError:  # another thread made the row first
        JobRun.objects.filter(name=name).update(**changes)


def connect() -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.signal(signals.SIGNAL_EXECUTING)(started)
    HUEY.signal(*FINISHED)(finished)
