"""The processes `sahifa serve` starts (granian, and the job worker with ``--with-worker``),
each in its own process group, stopped together.

A terminal's Ctrl-C reaches every process of its foreground group. Had granian's workers
been in it, each would get the terminal's SIGINT and then its master's SIGTERM, and a
worker told twice could stay waiting after the master had stopped the others (for a
minute or more). Here only this small process (no Django) hears the terminal or the
service manager: it tells each child's main process once (SIGTERM), gives them
``GRACE_SECONDS``, then kills what is left of their groups, stragglers included. It
does the same when the process that started it ends.

    python -m sahifa.core.supervise '[["granian", ...], ["sahifa", "run_huey"]]'
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 8.0
POLL_SECONDS = 0.1


class Supervisor:
    def __init__(self, commands: list[list[str]], grace: float = GRACE_SECONDS) -> None:
        self.commands, self.grace = commands, grace
        self.children: list[subprocess.Popen] = []
        self.deadline: float | None = None

    def run(self) -> int:
        for name in ("SIGINT", "SIGTERM"):
            signal.signal(getattr(signal, name), self._stop_on_signal)
        signal.signal(signal.SIGHUP, self._pass_on)
        # A child of its own group: the terminal's signals are not sent to it.
        self.children = [subprocess.Popen(command, process_group=0) for command in self.commands]
        parent = os.getppid()
        try:
            while any(child.poll() is None for child in self.children):
                if self.deadline is None and any(c.returncode is not None for c in self.children):
                    self.stop()  # one has ended (a crash): the others go too
                if os.getppid() != parent:
                    # Whoever started us has gone (make stopped by SIGTERM does not pass
                    # it on): nobody is left to stop us.
                    self.stop()
                if self.deadline is not None and time.monotonic() > self.deadline:
                    self._kill_groups()
                time.sleep(POLL_SECONDS)
        finally:
            self._kill_groups()  # stragglers whose main process has gone
        return self.children[0].returncode if self.children else 0

    def stop(self) -> None:
        """Tell each child's main process once; the deadline starts now."""
        if self.deadline is not None:
            return
        self.deadline = time.monotonic() + self.grace
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def _stop_on_signal(self, signum: int, frame: object) -> None:
        if self.deadline is not None:  # asked again: no more waiting
            self.deadline = 0
        self.stop()

    def _pass_on(self, signum: int, frame: object) -> None:
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signum)

    def _kill_groups(self) -> None:
        for child in self.children:
            # Nothing to do when the whole group has ended.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)


def main(argv: list[str]) -> int:
    commands = json.loads(argv[1])
    return Supervisor(commands).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
