"""Instructions per article page, counted by valgrind's callgrind: a figure that does
not move with the machine's load, for comparing two versions of the code when CPU
milliseconds (bench/page_cpu.py) are too noisy to show a change of a few percent.

Serves N article pages in-process (Django test client) from a loaded bench dataset,
once with N = 0 and once with N, each under callgrind, and prints the difference per
page. Each run takes minutes (valgrind slows Python ~50x).

    .venv/bin/python bench/page_instructions.py --var-dir /tmp/sahifa-bench-100k
    .venv/bin/python bench/page_instructions.py --var-dir ... --code /path/to/other/checkout

The dataset comes from bench/pages.py or bench/page_cpu.py (`--var-dir`, kept). Needs
valgrind (apt-get install -y valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside valgrind: the code under test first on the path, then warm-up, then N pages.
SERVE_PAGES = """
import os, sys
code, count = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, code)
os.environ["DJANGO_SETTINGS_MODULE"] = "sahifa.settings"
import django
django.setup()
import sahifa
assert sahifa.__file__.startswith(code), sahifa.__file__
from django.test import Client
from sahifa.articles.models import Article
paths = [a.get_url() for a in Article.objects.filter(live=True).order_by("pk")[: 40 + count]]
client = Client()
for path in paths:  # the first 40 warm up; the rest are the N counted
    assert client.get(path).status_code == 200, path
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var-dir", required=True, help="a loaded bench dataset")
    parser.add_argument("--code", default=str(ROOT), help="checkout to measure (default: this)")
    parser.add_argument("--pages", type=int, default=100, help="article pages counted (100)")
    return parser.parse_args()


def instructions(code: str, count: int, var_dir: str, work: Path) -> int:
    script = work / "serve_pages.py"
    script.write_text(SERVE_PAGES)
    env = {**os.environ, "SAHIFA_VAR_DIR": var_dir, "PYTHONHASHSEED": "0", "LOG_LEVEL": "WARNING"}
    env["SAHIFA_PAGE_CACHE"] = "0"  # every page rendered: that is what is counted
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={work / f'callgrind.{count}'}",
            sys.executable,
            str(script),
            code,
            str(count),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        sys.exit(f"callgrind run failed:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def main() -> None:
    args = parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory(prefix="sahifa-callgrind-") as tmp:
        base = instructions(args.code, 0, args.var_dir, Path(tmp))
        total = instructions(args.code, args.pages, args.var_dir, Path(tmp))
    per_page = (total - base) / args.pages
    print(f"{args.code}: {per_page / 1e6:.2f} M instructions per article page ({args.pages} pages)")


if __name__ == "__main__":
    main()
