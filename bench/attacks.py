"""Run the attacks and faults of the security review against a scratch site and print
what held:

1. idle and slow connections: 2,000 connections that send nothing and 200 that never
   finish their headers, against `sahifa serve`; does a reader still get a page, and
   which connections does the server cut off;
2. failed sign-ins: how many wrong passwords before the address is locked, and the
   server's CPU per failed, successful and locked-out sign-in (the real password hasher);
3. a picture of 20,000 x 20,000 pixels (and one of 9,000 x 8,000) given to the importer:
   refused from its header, and what it cost;
4. a server that trickles its answer a byte at a time: how long an outside fetch and a
   weather refresh run before they give up.

    .venv/bin/python bench/attacks.py              # everything
    .venv/bin/python bench/attacks.py --only idle  # idle | login | picture | trickle
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import free_port, stop_server  # noqa: E402

SAHIFA = Path(sys.executable).parent / "sahifa"
PASSWORD = "the right password 42"
SCRATCH = Path(tempfile.mkdtemp(prefix="sahifa-attacks-"))
ENV = {
    **os.environ,
    "SAHIFA_VAR_DIR": str(SCRATCH / "var"),
    "DJANGO_SETTINGS_MODULE": "sahifa.settings",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SAHIFA_ACCESS_LOG": "0",
    "LOG_LEVEL": "WARNING",
    "REDIS_URL": "",
}
os.environ.update(ENV)


# --- The server ---------------------------------------------------------------------


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    subprocess.run([SAHIFA, "migrate", "-v0"], env=ENV, check=True)
    port = free_port()
    log = (SCRATCH / "server.log").open("w")
    server = subprocess.Popen(
        [SAHIFA, "serve", "--port", str(port), "--workers", str(workers)],
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=5).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start; see " + str(SCRATCH / "server.log"))


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used by ``pid`` and its children (the server's workers)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# --- 1. Idle and slow connections ---------------------------------------------------


def still_open(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def idle_connections(base: str, idle: int = 2000, slow: int = 200) -> None:
    from django.conf import settings

    host, port = base.removeprefix("http://").split(":")
    idle_socks = [socket.create_connection((host, int(port))) for _ in range(idle)]
    slow_socks = []
    for _ in range(slow):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
        slow_socks.append(sock)
    print(f"idle: {idle} idle and {slow} slow connections open")
    for path in ("/robots.txt", "/uz/", "/uz/"):
        start = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=60) as answer:
                status = answer.status
        except (OSError, urllib.error.HTTPError) as exc:
            status = f"failed ({exc})"
        print(f"idle: a reader's GET {path}: {status} in {time.monotonic() - start:.2f} s")
    time.sleep(settings.SAHIFA_HEADER_TIMEOUT_SECONDS + 5)
    print(
        f"idle: after {settings.SAHIFA_HEADER_TIMEOUT_SECONDS + 5:g} s, idle connections "
        f"still open: {sum(map(still_open, idle_socks))} of {idle} (a proxy closes these); "
        f"slow ones still open: {sum(map(still_open, slow_socks))} of {slow}"
    )
    for sock in idle_socks + slow_socks:
        sock.close()


# --- 2. Failed sign-ins -------------------------------------------------------------


def sign_in(base: str, password: str) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token[1] if token else "", "username": "boss", "password": password}
    ).encode()
    request = urllib.request.Request(
        f"{base}/admin/login/", data=data, headers={"Referer": f"{base}/admin/login/"}
    )
    try:
        with opener.open(request, timeout=30) as answer:
            return 302 if "/admin/login/" not in answer.url else answer.status
    except urllib.error.HTTPError as error:
        return error.code


def cpu_per_sign_in(server: subprocess.Popen, base: str, password: str, count: int) -> float:
    before = process_tree_cpu(server.pid)
    for _ in range(count):
        sign_in(base, password)
    return (process_tree_cpu(server.pid) - before) / count * 1000


def failed_sign_ins(server: subprocess.Popen, base: str) -> None:
    env = {**ENV, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    subprocess.run(
        [SAHIFA, "createsuperuser", "--noinput", "--username", "boss", "--email", "b@x.example"],
        env=env,
        check=True,
        capture_output=True,
    )
    ok_ms = cpu_per_sign_in(server, base, PASSWORD, 3)
    print(f"login: server CPU per successful sign-in: {ok_ms:.0f} ms")
    attempts, before = 0, process_tree_cpu(server.pid)
    while (status := sign_in(base, "a wrong guess")) != 429 and attempts < 100:
        attempts += 1
    failed_ms = (process_tree_cpu(server.pid) - before) / max(attempts + 1, 1) * 1000
    print(f"login: wrong passwords before the lockout: {attempts} (then HTTP {status})")
    print(f"login: server CPU per failed sign-in: {failed_ms:.0f} ms")
    print(f"login: the right password now: HTTP {sign_in(base, PASSWORD)} (locked)")
    locked_ms = cpu_per_sign_in(server, base, "another guess", 20)
    print(f"login: server CPU per sign-in while locked out: {locked_ms:.0f} ms")


# --- 3. Huge pictures ---------------------------------------------------------------


def huge_pictures() -> None:
    from sahifa.interchange.pictures import PictureError, fetch_picture
    from sahifa.interchange.tests.test_hostile_pictures import png_header

    folder = SCRATCH / "feed"
    folder.mkdir(exist_ok=True)
    for width, height in ((20_000, 20_000), (9_000, 8_000)):
        name = f"{width}x{height}.png"
        (folder / name).write_bytes(png_header(width, height))
        start, rss = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            fetch_picture(name, folder)
            result = "accepted"
        except PictureError as exc:
            result = f"refused: {exc}"
        grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
        took = (time.monotonic() - start) * 1000
        print(f"picture: {width} x {height}: {result} ({took:.1f} ms, memory +{grew} KB)")


# --- 4. A trickling server ----------------------------------------------------------


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b'{"current": {}}' * 100
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg" if "pic" in self.path else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


def trickling_fetches() -> None:
    from django.conf import settings

    from sahifa.core import outbound

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    settings.SAHIFA_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    start = time.monotonic()
    try:
        outbound.fetch(f"{url}/pic.jpg", deadline=5, max_bytes=1 << 20)
    except outbound.FetchError as exc:
        took = time.monotonic() - start
        print(f"trickle: a fetch with a 5 s deadline gave up after {took:.1f} s: {exc}")
    env = {
        **ENV,
        "SAHIFA_WEATHER_URL": f"{url}/v1/forecast",
        "SAHIFA_OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
    }
    start = time.monotonic()
    subprocess.run([SAHIFA, "weather", "refresh"], env=env, capture_output=True)
    print(
        f"trickle: `sahifa weather refresh` (one city, 5 s a try, 2 tries) ended after "
        f"{time.monotonic() - start:.1f} s"
    )
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["idle", "login", "picture", "trickle"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    import django

    subprocess.run([SAHIFA, "migrate", "-v0"], env=ENV, check=True)
    django.setup()
    from django.utils import translation

    translation.activate("en")
    if args.only in (None, "picture"):
        huge_pictures()
    if args.only in (None, "trickle"):
        trickling_fetches()
    if args.only in (None, "idle", "login"):
        server, base = start_server(args.workers)
        try:
            if args.only in (None, "idle"):
                idle_connections(base)
            if args.only in (None, "login"):
                failed_sign_ins(server, base)
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
