"""Instructions per article page, counted by valgrind's callgrind: a figure that does
not move with the machine's load, for comparing two versions of the code when CPU
milliseconds (bench/page_cpu.py) are too noisy to show a change of a few percent.

Serves article pages in-process (Django test client) from a loaded bench dataset under
callgrind, three times, each on its own fresh copy of the dataset (so one run's cache
writes never make the next one cheaper) with the cache emptied and the clock stopped
(so no block goes stale while valgrind is slow):

- ``--warm-up`` pages (40);
- the same, then N other pages: their first view (the language's shared blocks
  cached, the article's own ones not: what a page costs after a change or the first
  time it is read);
- the same, then all of them again: a page read again (every block cached).

and prints the differences per page. Each run takes minutes (valgrind slows Python ~50x).

    .venv/bin/python bench/page_instructions.py --var-dir /tmp/sahifa-bench-100k
    .venv/bin/python bench/page_instructions.py --var-dir ... --code /path/to/other/checkout

The dataset comes from bench/pages.py or bench/page_cpu.py (`--var-dir`, kept; it is
copied, never written). Needs valgrind (apt-get install -y valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside valgrind: the code under test first on the path, then the pages.
SERVE_PAGES = """
import os, sys
code, first, again = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, code)
os.environ["DJANGO_SETTINGS_MODULE"] = "sahifa.settings"
import django
django.setup()
import sahifa
assert sahifa.__file__.startswith(code), sahifa.__file__
from datetime import datetime, timezone
import time_machine
from django.core.cache import cache
from django.test import Client
from sahifa.articles.models import Article
paths = [a.get_url() for a in Article.objects.filter(live=True).order_by("pk")[:first]]
cache.clear()
client = Client()
with time_machine.travel(datetime.now(timezone.utc), tick=False):
    for path in paths + paths[:again]:
        assert client.get(path).status_code == 200, path
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var-dir", required=True, help="a loaded bench dataset")
    parser.add_argument("--code", default=str(ROOT), help="checkout to measure (default: this)")
    parser.add_argument("--pages", type=int, default=100, help="article pages counted (100)")
    parser.add_argument("--warm-up", type=int, default=40, help="pages served first (40)")
    return parser.parse_args()


def instructions(code: str, first: int, again: int, var_dir: str, work: Path) -> int:
    """Instructions of a run serving ``first`` pages, then the first ``again`` of them
    again, on a fresh copy of ``var_dir``."""
    copy = work / f"var-{first}-{again}"
    shutil.copytree(var_dir, copy, symlinks=True)
    script = work / f"serve_pages_{first}_{again}.py"
    script.write_text(SERVE_PAGES)
    env = {**os.environ, "SAHIFA_VAR_DIR": str(copy), "PYTHONHASHSEED": "0"}
    env.update(LOG_LEVEL="WARNING", SAHIFA_PAGE_CACHE="0")  # every page rendered
    try:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={work / f'callgrind.{first}.{again}'}",
                sys.executable,
                str(script),
                code,
                str(first),
                str(again),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        sys.exit(f"callgrind run failed:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def main() -> None:
    args = parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    pages, warm = args.pages, args.warm_up
    runs = [(warm, 0), (warm + pages, 0), (warm + pages, warm + pages)]
    # Side by side: each run has its own copy, and instructions do not depend on load.
    with (
        tempfile.TemporaryDirectory(prefix="sahifa-callgrind-") as tmp,
        ThreadPoolExecutor(len(runs)) as pool,
    ):
        counted = [
            pool.submit(instructions, args.code, first, again, args.var_dir, Path(tmp))
            for first, again in runs
        ]
        base, first, again = (run.result() for run in counted)
    first_view = (first - base) / pages / 1e6
    read_again = (again - first) / (warm + pages) / 1e6
    print(f"{args.code}: M instructions per article page ({pages} pages)")
    print(f"  first view {first_view:.2f}, read again {read_again:.2f}")


if __name__ == "__main__":
    main()
