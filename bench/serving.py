"""Starting and stopping the production server for benchmarks: shared by pages.py,
page_cache.py, soak.py and beacon.py."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAHIFA = Path(sys.executable).parent / "sahifa"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM (the server's clean stop: workers flush what they buffer), then kill."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def start_site(
    var_dir: Path,
    port: int,
    workers: int | None = None,
    *,
    extra: Sequence[str] = (),
    log_name: str = "server.log",
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen:
    """`sahifa serve` (the settings come from the environment), once /en/ answers 200;
    the bench stops with a message when the site answers an error or does not start."""
    command = [str(SAHIFA), "serve", "--port", str(port), *extra]
    if workers:
        command += ["--workers", str(workers)]
    log = var_dir / log_name
    server = subprocess.Popen(
        command, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT, env=env
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=10) as response:
                if response.status == 200:
                    return server
        except urllib.error.HTTPError as exc:
            stop_server(server)
            sys.exit(f"The site answered {exc.code}; see {log}")
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"The server did not start; see {log}")
