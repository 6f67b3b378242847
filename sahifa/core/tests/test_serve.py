"""`sahifa serve`, the production server, for real: a page, its static files through
WhiteNoise, a view beacon through the short way, the access log, and a clean stop."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from django.db import connection

from conftest import free_port

PROJECT_DIR = Path(__file__).resolve().parents[3]

BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


def database_url(tmp_path: Path) -> str:
    """The test database as the server process can open it: an in-memory SQLite one is
    copied to a file; PostgreSQL's test database is used as it is."""
    if connection.vendor == "sqlite":
        target = tmp_path / "site.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def request(
    url: str, method: str = "GET", agent: str = BROWSER_AGENT
) -> tuple[int, Message, bytes]:
    req = urllib.request.Request(url, method=method, headers={"User-Agent": agent})
    try:
        with urllib.request.urlopen(req, data=b"" if method == "POST" else None, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"sahifa serve exited:\n{log.read_text()[-3000:]}")
        try:
            request(url)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"sahifa serve did not answer:\n{log.read_text()[-3000:]}")


def server_environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a server on the test database as it is now."""
    # Nothing names the site's address: it follows where the server listens.
    unset = {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "SAHIFA_BASE_URL", "HOST", "PORT"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        SAHIFA_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=database_url(tmp_path),
        SAHIFA_ACCESS_LOG="1",
        LOG_LEVEL="WARNING",
        # Only a clean stop writes the buffered views (see the test).
        SAHIFA_VIEWS_FLUSH_SECONDS="3600",
    )
    return env


@contextmanager
def serving(
    tmp_path: Path,
    command: tuple[str, ...] | None = None,
    workers: int = 1,
    env: dict[str, str] | None = None,
    **popen,
) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """`sahifa serve` (with ``workers`` processes) on the test database as it is now:
    (base url, log, process). A ``command`` starting with "make" runs that make target in
    the checkout instead; ``env`` adds to the server's environment."""
    command = command or ("serve", "--workers", str(workers))
    port = free_port()
    env = {**server_environment(tmp_path), **(env or {})}
    log = tmp_path / "server.log"
    if command[0] == "make":
        venv = Path(sys.executable).parent.parent
        # The installed environment is taken as it is (-o: never reinstalled here).
        args = ["make", "-s", "-C", str(PROJECT_DIR), f"VENV={venv}", f"-o{venv}/.installed"]
        args += [*command[1:], f"PORT={port}"]
    else:
        args = [str(Path(sys.executable).with_name("sahifa")), *command, "--port", str(port)]
    with log.open("w") as out:
        server = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, **popen)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/static/", server, log)
        yield base, log, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(30)


@pytest.mark.slow
def test_serve_runs_the_site_and_stops_cleanly(transactional_db, make_article, tmp_path):
    article = make_article(headline="Served by the production server")
    with serving(tmp_path) as (base, log, server):
        check_site(base, article)
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
    assert article.get_url() in log.read_text()  # the access log
    assert stored_views(tmp_path, article.pk) == 1  # the workers flushed as they stopped


@pytest.mark.slow
def test_the_site_names_itself_by_the_address_it_is_served_on(
    transactional_db, make_article, tmp_path
):
    article = make_article(headline="Served on another port")
    with serving(tmp_path) as (base, _log, _server):
        status, _, page = request(base + article.get_url())
        home = request(f"{base}/en/")[2].decode()  # in every language: hreflang links
    assert status == 200
    html = page.decode()
    named = {
        "canonical": re.search(r'<link rel="canonical" href="([^"]+)"', html),
        "hreflang": re.search(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', home),
        "og:url": re.search(r'<meta property="og:url" content="([^"]+)"', html),
        "og:image": re.search(r'<meta property="og:image" content="([^"]+)"', html),
    }
    for name, found in named.items():
        assert found, f"the page has no {name}"
        assert found[1].startswith(f"{base}/"), f"{name} names {found[1]}, not {base}"
    assert named["canonical"][1] == base + article.get_url()


def stored_views(tmp_path: Path, article_id: int) -> int:
    """The article's stored total, in the database the server wrote to."""
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "site.sqlite3") as db:
            sql = "SELECT view_count FROM articles_article WHERE id = ?"
            return db.execute(sql, (article_id,)).fetchone()[0]
    from sahifa.articles.models import Article

    return Article.objects.get(pk=article_id).view_count


def check_site(base: str, article) -> None:
    status, _, page = request(base + article.get_url())
    assert status == 200 and b"Served by the production server" in page

    script = re.search(rb'src="(/static/popularity/[^"]+\.js)"', page)
    assert script, "the article page loads the beacon script"
    status, headers, _ = request(base + script[1].decode())
    assert status == 200 and "max-age" in headers.get("Cache-Control", "")

    status, headers, body = request(f"{base}/api/views/{article.pk}/", "POST")
    assert status == 200 and json.loads(body) == {"views": 1, "counted": True}
    assert headers["Cache-Control"] == "no-store"
    assert request(f"{base}/api/views/{article.pk}/", "POST", agent="")[0] == 204


# --- Stopping: Ctrl-C in a terminal, or SIGTERM from a service manager ----------------


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (from /proc: its children, theirs...)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (a zombie has ended: only its parent's wait is due)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def processes_named(pids: set[int]) -> list[str]:
    names = []
    for pid in alive(pids):
        try:
            names.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return names


# The bound is generous: it tells "stops" from "a worker hangs on for minutes", no more.
STOP_SECONDS = 20


@pytest.mark.slow
@pytest.mark.parametrize("started_by", ["serve", "make"])
@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_every_process_stops_on_ctrl_c_and_sigterm(transactional_db, tmp_path, started_by, stop):
    """Ctrl-C reaches the terminal's whole foreground group (here: a session of its own);
    a service manager sends SIGTERM to the process it started."""
    if started_by == "make":
        command: tuple[str, ...] = ("make", "serve", "WEB_CONCURRENCY=2")
    else:
        command = ("serve", "--workers", "2", "--with-worker")
    with serving(tmp_path, command, start_new_session=True) as (base, log, server):
        started = wait_for_processes(server.pid, log)
        if stop == "ctrl-c":
            os.killpg(server.pid, signal.SIGINT)
        else:
            server.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while alive(started | {server.pid}) and time.monotonic() < deadline:
            server.poll()
            time.sleep(0.2)
        left = processes_named(started | {server.pid})
        for pid in alive(started):
            os.kill(pid, signal.SIGKILL)  # leave nothing behind, even when failing
        assert not left, f"still running {STOP_SECONDS} s after {stop}: {left}"


def wait_for_processes(pid: int, log: Path) -> set[int]:
    """The server's processes once all have started: granian's master and its two
    workers, the job worker, and what leads to them (the supervisor, make)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = descendants(pid)
        commands = processes_named(found)
        workers = [c for c in commands if "granian" in c]
        if len(workers) >= 3 and any("run_huey" in c for c in commands):
            return found
        time.sleep(0.2)
    pytest.fail(f"the server's processes did not all start:\n{log.read_text()[-3000:]}")


def open_connections(base: str, count: int, first_bytes: bytes = b"") -> list[socket.socket]:
    host, port = base.removeprefix("http://").split(":")
    connections = []
    for _ in range(count):
        sock = socket.create_connection((host, int(port)))
        if first_bytes:
            sock.sendall(first_bytes)
        connections.append(sock)
    return connections


def closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(0)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


@pytest.mark.slow
def test_idle_and_slow_connections_do_not_shut_readers_out(transactional_db, tmp_path):
    """More idle connections than granian's default limit (512 a worker) and a few that
    never finish their headers; a reader still gets a page, and the slow ones are cut
    off (bench/attacks.py does this with 2,000)."""
    with serving(tmp_path, env={"SAHIFA_HEADER_TIMEOUT_SECONDS": "1"}) as (base, log, server):
        idle = open_connections(base, 700)
        slow = open_connections(base, 50, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        status, _, _ = request(f"{base}/robots.txt")
        assert status == 200
        deadline = time.monotonic() + 30
        while not all(closed_by_server(s) for s in slow) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(closed_by_server(s) for s in slow)
        for sock in idle + slow:
            sock.close()
