"""Searches through the production server, for bench/search_speed.py: `sahifa serve`
(granian, DEBUG off) on the scratch database, its rate limit lifted
(SAHIFA_SEARCH_RATE_PER_MINUTE=0), and the load generator (`wrk` with a Lua script
cycling through the paths, when installed) on `/<lang>/search/?q=…` for a set of
different queries: one reader at a time, then several connections at once. Also the
web processes' memory (RSS) after the load.

A search page is never kept by the page cache (a page with a query parameter other than
tracking ones bypasses it, `sahifa.pagecache.middleware.page_name`): the server runs
with the cache on, as in production, and the first response is checked for it."""

from __future__ import annotations

import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench import loadgen
from bench.serving import free_port, start_site, stop_server


def search_paths(made: list[tuple[str, str]]) -> list[str]:
    return [f"/{language}/search/?q={quote(text)}" for language, text in made]


def start(var_dir: Path) -> tuple[subprocess.Popen, str]:
    """`sahifa serve` on a free port, its environment that of the bench's scratch site."""
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "HUEY_IMMEDIATE"}}
    env.update(DEBUG="0", LOG_LEVEL="WARNING", SAHIFA_SEARCH_RATE_PER_MINUTE="0")
    port = free_port()
    return start_site(var_dir, port, env=env), f"http://127.0.0.1:{port}"


def cache_state(base: str, path: str) -> str:
    """The page cache's verdict on a search page, asked twice (a kept page says hit)."""
    for _ in range(2):
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            verdict = response.headers.get("X-Sahifa-Cache") or "not cached"
    return verdict


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS")), 0)
    return total / 1024


def measure(var_dir: Path, made: list[tuple[str, str]], seconds: float, connections: int) -> None:
    paths = search_paths(made)
    server, base = start(var_dir)
    try:
        print(f"search page through `sahifa serve`: page cache says {cache_state(base, paths[0])}")
        for path in paths[:40]:  # first requests load code and fill the workers' caches
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
        tool = "wrk" if loadgen.have_wrk() else "python client"
        for count in (1, connections):
            result = loadgen.run(base, paths, seconds, count)
            print(
                f"search page, {count} connection(s), {len(paths)} queries cycled ({tool}):"
                f" p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms,"
                f" {result.rps:.0f} requests/s, errors {result.errors}"
            )
        print(f"web processes' memory after the load (RSS, all): {tree_rss_mb(server.pid):.0f} MB")
    finally:
        stop_server(server)
