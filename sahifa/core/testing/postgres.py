"""A throwaway PostgreSQL server of a test's own (initdb and pg_ctl from Debian's
``postgresql`` package) on a loopback port, in a temporary folder: one the test may stop
and start again as an outage would, without touching any other server.

PostgreSQL refuses to run as root; as root (CI), its commands run as ``RUN_AS``
through ``runuser``.

    with ThrowawayPostgres(port) as server:
        server.url("sahifa"), server.stop(), server.start()
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import TracebackType

from sahifa.core.testing import servers

PROJECT = Path(__file__).resolve().parents[2]  # the sahifa package
RUN_AS = "postgres"  # the user Debian's package makes
SUPERUSER = "postgres"
# Nothing a test writes must outlive a crash: durability off, for speed.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def binaries() -> Path | None:
    """The newest installed server's bin folder (None: none is installed)."""
    found = [
        folder
        for folder in Path("/usr/lib/postgresql").glob("*/bin")
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres"))
    ]
    return max(found, key=lambda f: int(f.parent.name), default=None)


def unavailable() -> str | None:
    """Why a throwaway server cannot run here (None: it can)."""
    if binaries() is None:
        return "PostgreSQL's server programs are not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root, and runuser (to run PostgreSQL as another user) is missing"
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root, and there is no user {RUN_AS!r} to run PostgreSQL as"
    return None


@dataclass
class ThrowawayPostgres:
    port: int
    folder: Path = field(init=False)

    def __enter__(self) -> ThrowawayPostgres:
        # Not under the test's tmp_path: as root that is closed to the server's user.
        self.folder = Path(tempfile.mkdtemp(prefix="sahifa-postgres-"))
        if os.geteuid() == 0:
            account = pwd.getpwnam(RUN_AS)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        try:
            self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                      "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
            self.start()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if self.running():
                self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Start it and wait until it takes connections."""
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} "
        options += f"-c unix_socket_directories={self.folder} {FAST}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        """Stop it; "immediate" ends every connection at once, as a crash would."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        status = self._command("pg_ctl", "-D", str(self.data), "status")
        return subprocess.run(status, capture_output=True).returncode == 0

    def create_database(self, name: str) -> str:
        """A new database on it; its URL."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, name)
        return self.url(name)

    def dump(self, database: str) -> bytes:
        """The database as SQL (pg_dump)."""
        return self._run("pg_dump", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER,
                         "--no-owner", "--no-privileges", database)  # fmt: skip

    def load(self, database: str, sql: bytes) -> None:
        """Run ``sql`` (a `dump`) in the database, stopping at its first error."""
        self._run("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", SUPERUSER, "-d", database, given=sql)  # fmt: skip

    def _command(self, program: str, *args: str) -> list[str]:
        path = binaries()
        assert path is not None, unavailable()
        command = [str(path / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", RUN_AS, "--", *command]
        return command

    def _run(self, program: str, *args: str, given: bytes | None = None) -> bytes:
        result = subprocess.run(
            self._command(program, *args), input=given, capture_output=True, timeout=120
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            said = (result.stdout + result.stderr).decode(errors="replace")[-3000:]
            raise RuntimeError(f"{program} failed:\n{said}{log}")
        return result.stdout


def migrated(server: ThrowawayPostgres, name: str, env: dict[str, str], cache: Path) -> str:
    """A new database on ``server`` with the site's tables (`sahifa migrate` in ``env``);
    its URL. The migrated database is kept as SQL in ``cache`` for the next time, under a
    digest of every migration and the versions of Django and Wagtail."""
    url = server.create_database(name)
    dump = cache / f"migrated-{migrations_digest()}.sql"
    if dump.exists():
        server.load(name, dump.read_bytes())
        return url
    servers.run_sahifa("migrate", "--noinput", "-v", "0", env={**env, "DATABASE_URL": url})
    cache.mkdir(parents=True, exist_ok=True)
    partial = dump.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(server.dump(name))
    partial.replace(dump)  # never half a file under the real name
    return url


def migrations_digest() -> str:
    digest = hashlib.sha256()
    for package in ("django", "wagtail"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    for path in sorted(PROJECT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(PROJECT).as_posix().encode() + path.read_bytes())
    folder = binaries()
    digest.update(str(folder).encode())  # the server's major version
    return digest.hexdigest()[:16]
