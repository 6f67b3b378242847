"""Helpers of the operations tests: reading metrics, running a fresh site process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families


def sample(text: str, name: str, **labels: str) -> float:
    """The sum of the samples called ``name`` whose labels include ``labels``."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


def site_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a site process of its own (not the tests' settings)."""
    drop = {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="sahifa.settings",
        SAHIFA_VAR_DIR=str(var_dir),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout
    )


def sahifa(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("sahifa")), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
