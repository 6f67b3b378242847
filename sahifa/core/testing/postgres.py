"""A throwaway PostgreSQL server of a test's own (initdb and pg_ctl from Debian's
``postgresql`` package) on a loopback port, in a temporary folder: one the test may stop
and start again as an outage would, without touching any other server.

PostgreSQL refuses to run as root; as root (CI), its commands run as ``RUN_AS``
through ``runuser``.

    with ThrowawayPostgres(port) as server:
        server.url("sahifa"), server.stop(), server.start()
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

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

    def _command(self, program: str, *args: str) -> list[str]:
        path = binaries()
        assert path is not None, unavailable()
        command = [str(path / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", RUN_AS, "--", *command]
        return command

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run(
            self._command(program, *args), capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed:\n{result.stdout}{result.stderr}{log}")
