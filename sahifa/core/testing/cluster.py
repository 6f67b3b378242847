"""Several app servers as one site, on this machine: PostgreSQL (a database of its own on
the server at ``DATABASE_URL``), a Redis server of its own, media on a local S3 server,
two or more `sahifa serve` processes (each with its own var folder: nothing local is
shared), one job worker, and the shipped Varnish in front of them all.

Used by the multi-server test and `bench/cluster.py`:

    with Cluster(folder, postgres_url, servers=2) as site:
        site.varnish, site.servers, site.run_python("...")
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from sahifa.core.testing import s3, servers, varnish
from sahifa.core.testing.servers import free_port, sahifa_binary

BUCKET = "sahifa-media"
# Beacons flush often, so counts are checked in seconds; purges are seen at once.
FLUSH_SECONDS = "1"


def unavailable(postgres_url: str) -> str | None:
    """Why the set-up cannot run here (None: it can)."""
    from sahifa.core.probe import postgres_unreachable

    if reason := varnish.unavailable():
        return reason
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (apt-get install redis-server)"
    if s3.moto_server_path() is None:
        return "moto_server is not installed (pip install 'moto[server]')"
    return postgres_unreachable(postgres_url)


@dataclass
class Cluster:
    folder: Path
    postgres_url: str  # a server's URL; the set-up makes (and drops) its own database
    servers: int = 2
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    server_urls: list[str] = field(default_factory=list)
    varnish_url: str = ""
    env: dict[str, str] = field(default_factory=dict)
    _stack: ExitStack = field(default_factory=ExitStack)

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stack.close()

    # --- starting -------------------------------------------------------------------
    def _start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        endpoint = self._stack.enter_context(
            s3.local_s3(free_port(), BUCKET, self.folder / "moto.log")
        )
        redis_url = self._redis()
        database_url = self._database()
        self.env = self._environment(database_url, redis_url, endpoint)
        self.sahifa("migrate", "--noinput", "-v", "0")
        self.sahifa("load_demo", "--bbc-limit", "0", extra={"HUEY_IMMEDIATE": "1"})
        ports = [free_port() for _ in range(self.servers)]
        varnish_port = free_port()
        self.env["SAHIFA_PURGE_URLS"] = f"http://127.0.0.1:{varnish_port}/"
        for n, port in enumerate(ports, 1):
            self.server_urls.append(self._serve(n, port))
        self._spawn("worker", [sahifa_binary(), "run_huey"], self.env)
        self.varnish_url = self._stack.enter_context(
            varnish.running_varnish(
                varnish_port, self.folder / "varnish", [("127.0.0.1", p) for p in ports]
            )
        )

    def _redis(self) -> str:
        port = free_port()
        folder = self.folder / "redis"
        folder.mkdir(exist_ok=True)
        command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no", "--dir", str(folder)]  # fmt: skip
        self._spawn("redis", command, dict(os.environ))
        url = f"redis://127.0.0.1:{port}/0"
        from sahifa.core.probe import redis_unreachable

        deadline = time.monotonic() + 20
        while redis_unreachable(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        return url

    def _database(self) -> str:
        import psycopg
        from psycopg import sql

        base = self.postgres_url.rsplit("/", 1)[0]
        name = f"sahifa_cluster_{secrets.token_hex(4)}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

        def drop() -> None:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                conn.execute(statement.format(sql.Identifier(name)))

        self._stack.callback(drop)
        return f"{base}/{name}"

    def _environment(self, database_url: str, redis_url: str, endpoint: str) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("SAHIFA_", "DJANGO_"))}
        return {
            **keep,
            **s3.KEYS,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "SAHIFA_S3_BUCKET": BUCKET,
            "SAHIFA_S3_ENDPOINT_URL": endpoint,
            "SAHIFA_S3_REGION": "us-east-1",
            "SAHIFA_VAR_DIR": str(self.folder / "var-tools"),
            "SAHIFA_VIEWS_FLUSH_SECONDS": FLUSH_SECONDS,
            # Every reader of a check comes from this machine's one address: neither the
            # address's rate nor its cap per article may stop them.
            "SAHIFA_VIEWS_RATE_PER_MINUTE": "100000",
            "SAHIFA_VIEWS_PER_ADDRESS_AND_ARTICLE": "100000",
            "SAHIFA_ACCESS_LOG": "0",
            "LOG_LEVEL": "WARNING",
        }

    def _serve(self, n: int, port: int) -> str:
        env = {**self.env, "SAHIFA_VAR_DIR": str(self.folder / f"var-app{n}")}
        url, server = servers.start_serve(port, env, self.folder / f"app{n}.log")
        self.processes[f"app{n}"] = server
        self._stack.callback(servers.stop, server)
        return url

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        with (self.folder / f"{name}.log").open("w") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.processes[name] = process
        self._stack.callback(servers.stop, process)
        return process

    # --- using ----------------------------------------------------------------------
    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def sahifa(self, *args: str, extra: dict[str, str] | None = None) -> str:
        """A `sahifa` command with the set-up's settings (as on an app server)."""
        return servers.run_sahifa(*args, env={**self.env, **(extra or {})})

    def run_python(self, code: str) -> str:
        """Python in Django with the set-up's settings (`sahifa shell -c`)."""
        return self.sahifa("shell", "-c", code)
