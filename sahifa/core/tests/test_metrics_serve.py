"""Metrics of `sahifa serve` with several worker processes: whichever worker answered,
/metrics sums them all; files of processes that are gone are removed at start."""

from __future__ import annotations

import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import free_port
from sahifa.core.tests.observing import sample, site_env
from sahifa.core.tests.test_serve import BROWSER_AGENT, database_url, request, wait_until_up

pytestmark = pytest.mark.slow

PAGES, BEACONS = 40, 30


def test_metrics_add_up_across_worker_processes(transactional_db, make_article, tmp_path):
    article = make_article(headline="Counted by every worker")
    var = tmp_path / "var"
    metrics_dir = var / "metrics"
    metrics_dir.mkdir(parents=True)
    # Left by a process long gone (no process has this number): must not be read.
    (metrics_dir / "counter_4999999.db").write_bytes(b"not a metrics file")
    env = site_env(var, DATABASE_URL=database_url(tmp_path), LOG_LEVEL="WARNING")
    port = free_port()
    log = tmp_path / "server.log"
    command = [str(Path(sys.executable).with_name("sahifa")), "serve", "--port", str(port)]
    with log.open("w") as out:
        server = subprocess.Popen([*command, "--workers", "2"], env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", server, log)
        page = base + article.get_url()
        beacon = f"{base}/api/views/{article.pk}/"
        with ThreadPoolExecutor(8) as pool:
            pages = list(pool.map(lambda _: request(page)[0], range(PAGES)))
            agents = [BROWSER_AGENT.replace("120.0", f"120.{n}") for n in range(BEACONS)]
            beacons = list(pool.map(lambda a: request(beacon, "POST", agent=a)[0], agents))
        assert pages == [200] * PAGES and beacons == [200] * BEACONS
        status, headers, body = request(f"{base}/metrics")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    assert status == 200, body[:500]
    text = body.decode()
    route = {"route": "sahifa_serve", "method": "GET", "status": "200"}
    assert sample(text, "sahifa_http_requests_total", **route) == PAGES
    counted = sample(text, "sahifa_http_requests_total", route="popularity:beacon", status="200")
    assert counted == BEACONS
    assert sample(text, "sahifa_view_beacons_total", outcome="counted") == BEACONS
    latency = sample(text, "sahifa_http_request_duration_seconds_count", route="sahifa_serve")
    assert latency == PAGES
    assert not (metrics_dir / "counter_4999999.db").exists()
    # The server really ran several processes, each with its own file.
    pids = {f.stem.rsplit("_", 1)[1] for f in metrics_dir.glob("counter_*.db")}
    assert len(pids) >= 2, sorted(pids)
