"""A real varnishd on loopback with the shipped VCL (deploy/varnish/sahifa.vcl), its
app servers and purge addresses swapped for a test's or a benchmark's own: its own
port, its own working folder (-n), no privilege drop (-j none)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish" / "sahifa.vcl"
BACKENDS = re.compile(r"# BEGIN backends.*?# END backends", re.DOTALL)
PURGERS = re.compile(r"acl purgers \{.*?\}", re.DOTALL)
XKEY_VMOD = "libvmod_xkey.so"


def unavailable() -> str | None:
    """Why varnishd cannot run here (None: it can)."""
    if shutil.which("varnishd") is None and not Path("/usr/sbin/varnishd").exists():
        return "varnishd is not installed (apt-get install varnish varnish-modules)"
    if not any(Path("/usr/lib").glob(f"**/varnish/vmods/{XKEY_VMOD}")):
        return "Varnish's xkey module is not installed (apt-get install varnish-modules)"
    return None


def varnishd() -> str:
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


def server_at(base_url: str) -> list[tuple[str, int]]:
    """The one app server at ``base_url``, as `running_varnish` takes servers."""
    parts = urlsplit(base_url)
    return [(parts.hostname or "127.0.0.1", parts.port or 80)]


def backends_block(servers: Sequence[tuple[str, int]], probe_url: str) -> str:
    lines = [
        "# BEGIN backends",
        "probe sahifa_alive {",
        f'    .url = "{probe_url}";',
        "    .timeout = 2s; .interval = 1s; .window = 2; .threshold = 1; .initial = 1;",
        "}",
    ]
    for n, (host, port) in enumerate(servers, 1):
        lines.append(
            f'backend app{n} {{ .host = "{host}"; .port = "{port}"; .probe = sahifa_alive; }}'
        )
    lines.append("sub vcl_init {")
    lines.append("    new sahifa = directors.round_robin();")
    lines += [f"    sahifa.add_backend(app{n});" for n in range(1, len(servers) + 1)]
    lines += ["}", "# END backends"]
    return "\n".join(lines)


def configured(
    servers: Sequence[tuple[str, int]],
    purgers: Sequence[str] = ("127.0.0.1", "::1"),
    probe_url: str = "/favicon.ico",
) -> str:
    """The shipped VCL with these app servers and purging addresses."""
    text = BACKENDS.sub(lambda _: backends_block(servers, probe_url), VCL.read_text())
    acl = "acl purgers {\n" + "".join(f'    "{a}";\n' for a in purgers) + "}"
    return PURGERS.sub(lambda _: acl, text)


@contextmanager
def running_varnish(
    port: int,
    folder: Path,
    servers: Sequence[tuple[str, int]],
    purgers: Sequence[str] = ("127.0.0.1", "::1"),
) -> Iterator[str]:
    """varnishd on 127.0.0.1:``port`` in front of ``servers``; yields its base URL once
    it passes a request to a healthy app server."""
    folder.mkdir(parents=True, exist_ok=True)
    vcl = folder / "sahifa.vcl"
    vcl.write_text(configured(servers, purgers))
    log = folder / "varnishd.log"
    command = [
        varnishd(), "-F", "-j", "none", "-n", str(folder / "work"),
        "-a", f"127.0.0.1:{port}", "-T", "none", "-f", str(vcl), "-s", "malloc,64m",
    ]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(base + "/favicon.ico", timeout=5).close()
            return
        except urllib.error.HTTPError:
            time.sleep(0.3)  # up, the app servers not healthy yet
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"varnishd did not serve at {base}:\n{log.read_text()[-3000:]}")
