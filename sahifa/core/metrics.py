"""Prometheus metrics of every process of a site, in one place low enough that any app
can count without importing upwards (popularity counts beacons, core counts requests,
cache reads and jobs).

Web workers and the job worker are separate processes: prometheus_client's multiprocess
mode keeps each process's values in a file of ``SAHIFA_METRICS_DIR`` (set in settings
before this module is imported) and `/metrics` sums the files. `sahifa serve` removes
the files of processes that are gone when it starts (``remove_dead_files``)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

# The default buckets, plus the short end where beacons and cached pages live.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# Metrics live in the module's own registry: the exposition reads the files instead.
_registry = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "sahifa_http_requests",
    "HTTP requests answered, by route (the URL pattern's name), method and status.",
    ["route", "method", "status"],
    registry=_registry,
)
LATENCY = Histogram(
    "sahifa_http_request_duration_seconds",
    "Time to answer a request, by route.",
    ["route"],
    buckets=LATENCY_BUCKETS,
    registry=_registry,
)
BEACONS = Counter(
    "sahifa_view_beacons",
    "View beacons by outcome: counted, or dropped as repeat, limited, bot, unknown, error.",
    ["outcome"],
    registry=_registry,
)
JOBS = Counter(
    "sahifa_jobs",
    "Jobs the worker finished, by job and outcome (complete, error, ...).",
    ["job", "outcome"],
    registry=_registry,
)
SEARCHES = Counter(
    "sahifa_search_engine_answers",
    "Look-ups of searches (one or two a search) with a search cluster set, by what "
    "answered: the cluster, or the database while the cluster failed or was left alone.",
    ["engine"],
    registry=_registry,
)
CACHE = Counter(
    "sahifa_cache_reads",
    "Reads of cached blocks (sahifa/core/blocks.py), by block kind and result (hit, miss).",
    ["block", "result"],
    registry=_registry,
)


# Each label combination's child, looked up once: counting is on every request's path.
@lru_cache(maxsize=4096)
def _child(metric: Any, *labels: str) -> Any:
    return metric.labels(*labels)


def count_request(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "OTHER"
    _child(REQUESTS, route, method, str(status)).inc()
    _child(LATENCY, route).observe(seconds)


def count_beacon(outcome: str) -> None:
    _child(BEACONS, outcome).inc()


def count_job(job: str, outcome: str) -> None:
    _child(JOBS, job, outcome).inc()


def count_search(engine: str) -> None:
    _child(SEARCHES, engine).inc()


def count_cache_read(name: str, hit: bool) -> None:
    # The kind before the first ":" (`feed:rss:en:` -> `feed`): a bounded set of labels.
    _child(CACHE, name.partition(":")[0], "hit" if hit else "miss").inc()


class QueueCollector(Collector):
    """The job queue's length, read when scraped (one cheap query to the queue)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from huey.contrib.djhuey import HUEY

        pending = GaugeMetricFamily("sahifa_job_queue_pending", "Jobs waiting in the queue.")
        scheduled = GaugeMetricFamily(
            "sahifa_job_queue_scheduled", "Jobs waiting for their time (retries, delays)."
        )
        pending.add_metric([], HUEY.pending_count())
        scheduled.add_metric([], HUEY.scheduled_count())
        yield pending
        yield scheduled


def exposition() -> bytes:
    """Every process's metrics summed, and the queue's length, in Prometheus' text format."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    registry.register(QueueCollector())
    return generate_latest(registry)


_PID_IN_NAME = re.compile(r"_(\d+)\.db$")


def remove_dead_files(folder: Path) -> int:
    """Delete the value files of processes that no longer run; return how many. Files of
    running processes (the job worker, say) stay: their counts go on."""
    removed = 0
    for file in folder.glob("*.db"):
        match = _PID_IN_NAME.search(file.name)
        if match and not _running(int(match[1])):
            file.unlink(missing_ok=True)
            removed += 1
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
