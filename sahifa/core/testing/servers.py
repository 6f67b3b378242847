"""`sahifa serve` processes a test or a benchmark starts: on a free loopback port,
in an environment of its own, its output in a log file."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sahifa_binary() -> str:
    return str(Path(sys.executable).with_name("sahifa"))


def run_sahifa(*args: str, env: dict[str, str]) -> str:
    """A `sahifa` command in ``env``; its output. Raises when it fails."""
    result = subprocess.run(
        [sahifa_binary(), *args], env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"sahifa {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start_serve(
    port: int, env: dict[str, str], log: Path, workers: int = 1, static: bool = True
) -> tuple[str, subprocess.Popen]:
    """`sahifa serve` on 127.0.0.1:``port``; (its base URL, the process) once it answers.
    Without ``static`` it skips collecting static files (most of its start-up): pages
    then name them by their plain names, which it does not serve. The caller stops it."""
    command = [sahifa_binary(), "serve", "--port", str(port), "--workers", str(workers)]
    if not static:
        command.append("--no-collectstatic")
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, server, log)
    except BaseException:
        stop(server)
        raise
    return url, server


def wait_until_answering(url: str, server: subprocess.Popen, log: Path) -> None:
    """Until ``url`` answers (its favicon: served without the database)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{url} exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            urllib.request.urlopen(url + "/favicon.ico", timeout=5).close()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"nothing answered at {url}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
