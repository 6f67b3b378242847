"""Benchmark the view beacon with the production server (`sahifa serve`: granian).

For each storage mode (embedded SQLite buffer; Redis when reachable) it serves a scratch
site, fires exactly N beacons from N distinct simulated readers with `wrk`
(bench/beacon.lua), prints requests/s, p50/p99 latency and server CPU per beacon, then
checks that the web processes' own background flush brings the stored total to exactly
N, fires the same N readers again (all repeats within 30 minutes: the total stays N),
runs `sahifa views flush` and checks the total and the daily counts.

    .venv/bin/python bench/beacon.py                 # N = 20000, both modes
    .venv/bin/python bench/beacon.py --beacons 5000 --modes sqlite

Needs `wrk` (apt-get install -y wrk). Exits non-zero when a count is wrong.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import free_port, stop_server  # noqa: E402

SAHIFA = ROOT / ".venv" / "bin" / "sahifa"
LUA = Path(__file__).with_name("beacon.lua")
MAKE_ARTICLE = """
from django.utils import timezone
from wagtail.models import Locale
from sahifa.articles.models import Article, Category
locale = Locale.objects.get(language_code="en")
category, _ = Category.objects.get_or_create(
    locale=locale, slug="world", defaults={"name": "World"})
now = timezone.now()
article = Article.objects.create(headline="Beacon benchmark", locale=locale, category=category,
    live=True, first_published_at=now, last_published_at=now)
print("ARTICLE", article.pk)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beacons", type=int, default=20000, help="N (default 20000)")
    # One wrk thread: it stops (closing its connections) the moment its last beacon is
    # answered; a second thread's idle connections would hold sync workers meanwhile.
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--modes", default="sqlite,redis", help="sqlite, redis or both")
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument("--workers", type=int, help="server workers (default: serve's)")
    return parser.parse_args()


def sahifa(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(SAHIFA), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"sahifa {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare_site(template_dir: Path) -> int:
    """Migrate one scratch database with one published article; each mode copies it."""
    env = base_env(template_dir)
    sahifa(env, "migrate", "--noinput", "-v", "0")
    out = sahifa(env, "shell", "-c", MAKE_ARTICLE)
    return int(re.search(r"ARTICLE (\d+)", out).group(1))


def base_env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(SAHIFA_VAR_DIR=str(var_dir), SAHIFA_TRUSTED_PROXIES="127.0.0.1", LOG_LEVEL="WARNING")
    return env


def post(url: str, headers: dict) -> int:
    request = urllib.request.Request(url, method="POST", data=b"", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def start_server(env: dict, port: int, workers: int | None, log: Path) -> subprocess.Popen:
    command = [str(SAHIFA), "serve", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            post(f"http://127.0.0.1:{port}/api/views/0/", {"User-Agent": "Googlebot/2.1"})
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.3)
    stop_server(server)
    sys.exit(f"The server did not start; see {log}")


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time of the server's processes: `sahifa serve`'s supervisor, granian's main
    process and its workers (from /proc, down the tree)."""
    pids, todo = [], [server.pid]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            todo += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def run_wrk(
    url: str, path: str, args: argparse.Namespace, quota: int | None = None, seconds: int = 120
) -> dict:
    """Exactly `quota` beacons per wrk thread (N / threads); quota 0 sends only
    non-counting prefetches for `seconds` (the warm-up)."""
    quota = args.beacons // args.threads if quota is None else quota
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        url,
        "--",
        str(quota),
        path,
        "0",
    ]
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    lines, done = [], 0
    for line in wrk.stdout:
        lines.append(line)
        done += line.startswith("QUOTA-DONE")
        if quota and done == args.threads:
            wrk.send_signal(signal.SIGINT)  # all beacons answered: stop the clock
            break
    lines += wrk.stdout.readlines()
    wrk.wait()
    line = next(line for line in lines if line.startswith("BEACON "))
    figures = dict(item.split("=") for item in line.split()[1:])
    return {k: float(v) for k, v in figures.items()}


def warm_up(url: str, path: str, args: argparse.Namespace) -> None:
    """Until every worker answers quickly: each imports the lazily loaded URL modules
    on its first request, which takes seconds on a busy machine."""
    deadline = time.time() + 60
    while time.time() < deadline:
        figures = run_wrk(url, path, args, quota=0, seconds=3)
        if figures["requests"] > 100 and figures["p99_ms"] < 250:
            return
    print("warning: the server is still slow after a minute of warm-up")


def stored(db: Path, article_id: int) -> tuple[int, int]:
    """(Article.view_count, sum of its daily counts) straight from the database file."""
    with sqlite3.connect(db, timeout=30) as conn:
        total = conn.execute(
            "SELECT view_count FROM articles_article WHERE id = ?", (article_id,)
        ).fetchone()[0]
        daily = conn.execute(
            "SELECT COALESCE(SUM(views), 0) FROM popularity_dailyviews WHERE article_id = ?",
            (article_id,),
        ).fetchone()[0]
    return total, daily


def wait_for_total(db: Path, article_id: int, expected: int, timeout: float = 30) -> float | None:
    start = time.time()
    while time.time() - start < timeout:
        if stored(db, article_id)[0] >= expected:
            return time.time() - start
        time.sleep(0.1)
    return None


def bench_mode(mode: str, template_dir: Path, article_id: int, args: argparse.Namespace) -> bool:
    var_dir = Path(tempfile.mkdtemp(prefix=f"sahifa-bench-beacon-{mode}-"))
    shutil.copy(template_dir / "sahifa.sqlite3", var_dir / "sahifa.sqlite3")
    shutil.copy(template_dir / "secret_key", var_dir / "secret_key")
    env = base_env(var_dir)
    prefix = f"sahifa-bench:{uuid.uuid4().hex[:8]}"
    if mode == "redis":
        env.update(REDIS_URL=args.redis_url, SAHIFA_VIEWS_REDIS_PREFIX=prefix)
    port = free_port()
    url, path = f"http://127.0.0.1:{port}", f"/api/views/{article_id}/"
    db, n = var_dir / "sahifa.sqlite3", (args.beacons // args.threads) * args.threads
    log = var_dir / "server.log"
    server = start_server(env, port, args.workers, log)
    ok = False
    try:
        warm_up(url, path, args)
        cpu_before = server_cpu_seconds(server)
        first = run_wrk(url, path, args)
        cpu_ms = (server_cpu_seconds(server) - cpu_before) * 1000 / max(1, first["requests"])
        during = stored(db, article_id)[0]
        print(
            f"{mode:6} N={n}: {first['requests'] / first['seconds']:7.0f} req/s, "
            f"p50 {first['p50_ms']:.1f} ms, p99 {first['p99_ms']:.1f} ms, "
            f"server CPU {cpu_ms:.2f} ms/request, socket errors {first['errors']:.0f}; "
            f"counted {first['counted']:.0f}, refused {first['refused']:.0f}; "
            f"already in the database when wrk ended: {during}"
        )
        # A clean restart right away: what is still buffered must survive it.
        stopped = time.time()
        stop_server(server)
        print(f"{mode:6} clean stop took {time.time() - stopped:.1f} s; restarting")
        server = start_server(env, port, args.workers, log)
        warm_up(url, path, args)
        second = run_wrk(url, path, args)
        lag = wait_for_total(db, article_id, n)
        print(
            f"{mode:6} same N readers again: {second['requests'] / second['seconds']:.0f} req/s, "
            f"p99 {second['p99_ms']:.1f} ms, counted {second['counted']:.0f}, "
            f"repeats {second['repeated']:.0f}; stored total reached N "
            + (f"{lag:.1f} s after that run" if lag is not None else "NOT within 30 s")
        )
        for label, figures in (("first", first), ("again", second)):
            print(f"{mode:6} wrk {label}: " + " ".join(f"{k}={v:g}" for k, v in figures.items()))
        print(f"{mode:6} {sahifa(env, 'views', 'flush').strip()}")
        total, daily = stored(db, article_id)
        ok = total == daily == n and first["counted"] == n and second["counted"] == 0
        verdict = "OK" if ok else "WRONG"
        print(f"{mode:6} stored total {total}, daily {daily}, expected {n}: {verdict}")
    finally:
        stop_server(server)
        if mode == "redis":
            import redis

            client = redis.Redis.from_url(args.redis_url)
            names = list(client.scan_iter(match=f"{prefix}:*", count=1000))
            if names:
                client.delete(*names)
        if ok:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            print(f"{mode:6} kept {var_dir} (server.log) to look into")
    return ok


def main() -> int:
    args = parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install -y wrk)")
        return 2
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if "redis" in modes:
        sys.path.insert(0, str(ROOT))
        from sahifa.core.probe import redis_unreachable

        if reason := redis_unreachable(args.redis_url):
            print(f"SKIPPED the redis mode: {reason}")
            modes.remove("redis")
    template_dir = Path(tempfile.mkdtemp(prefix="sahifa-bench-beacon-"))
    try:
        article_id = prepare_site(template_dir)
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")
        results = [bench_mode(mode, template_dir, article_id, args) for mode in modes]
    finally:
        shutil.rmtree(template_dir, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
