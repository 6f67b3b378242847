"""Drive HTTP load at a server: `wrk` cycling through a list of paths when it is
installed, else a small threaded Python client. Both report the same figures."""

from __future__ import annotations

import http.client
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Each wrk thread walks the list from its own offset; `done` prints one parsable line.
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local i = 0
setup = function(thread) thread:set("offset", math.random(#paths)) end
init = function(args) i = (offset or 0) %% #paths end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True)
class Result:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run(base_url: str, paths: list[str], seconds: float, connections: int) -> Result:
    if have_wrk():
        return run_wrk(base_url, paths, seconds, connections)
    return run_python(base_url, paths, seconds, connections)


def run_wrk(base_url: str, paths: list[str], seconds: float, connections: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="sahifa-wrk-") as tmp:
        path_file = Path(tmp) / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n")
        script = Path(tmp) / "cycle.lua"
        script.write_text(WRK_SCRIPT % {"paths": path_file})
        threads = max(1, min(2, connections))
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
        command += ["--timeout", "10s", "-s", str(script), base_url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    requests, duration_us, errors, p50_us, p99_us = (int(float(x)) for x in line.split()[1:])
    return Result(requests, errors, duration_us / 1e6, p50_us / 1000, p99_us / 1000)


def run_python(base_url: str, paths: list[str], seconds: float, connections: int) -> Result:
    """The fallback: ``connections`` threads, each sending one request after another."""
    host_port = base_url.split("://", 1)[1].rstrip("/")
    host, port = host_port.rsplit(":", 1)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        mine, failed, i = [], 0, offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(n * len(paths) // connections,))
        for n in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if len(latencies) < 2:
        return Result(len(latencies), errors[0], elapsed, 0.0, 0.0)
    cuts = statistics.quantiles(latencies, n=100)
    return Result(len(latencies), errors[0], elapsed, cuts[49] * 1000, cuts[98] * 1000)
