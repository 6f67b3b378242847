"""Demo load time: `sahifa load_demo` into a scratch SQLite database, as `make demo` runs
it (follow-up jobs inline), then again (nothing to add); prints wall and CPU seconds.

    .venv/bin/python bench/demo_load.py                 # everything: stories + 2,225 BBC
    .venv/bin/python bench/demo_load.py --bbc-limit 500
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAHIFA = Path(sys.executable).parent / "sahifa"


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall s, CPU s of the child, its output)."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(
        [str(SAHIFA), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bbc-limit", type=int, default=None)
    args = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="sahifa-bench-demo-")
    env = {**os.environ, "SAHIFA_VAR_DIR": var_dir, "LOG_LEVEL": "WARNING", "HUEY_IMMEDIATE": "1"}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    extra = [] if args.bbc_limit is None else ["--bbc-limit", str(args.bbc_limit)]
    try:
        run(["migrate", "--noinput", "-v", "0"], env)
        for label in ("first load", "second load"):
            wall, cpu, out = run(["load_demo", *extra], env)
            print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU")
            for line in out.splitlines()[:-1]:  # the last line is the login
                print(f"  {line}")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
