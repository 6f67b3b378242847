"""`sahifa import` run from a shell, as an operator runs it: it speaks the language of
the operator's locale (English unless LANG or LC_ALL asks otherwise) and prints its own
lines only, while the jobs it runs log to the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from sahifa.core.terminal import terminal_language
from sahifa.core.tests.test_serve import database_url
from sahifa.interchange.importer import ImportReport

LANGUAGES = ["uz", "uz-cyrl", "ru", "en"]


@pytest.mark.parametrize(
    "environ, language",
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "uz_UZ.UTF-8"}, "uz"),
        ({"LANG": "uz"}, "uz"),
        ({"LANG": "uz_UZ@cyrillic"}, "uz-cyrl"),
        ({"LANG": "uz_Cyrl_UZ.UTF-8"}, "uz-cyrl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        # LC_ALL wins over LANG, as it does for every program.
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "C", "LC_ALL": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "C", "LC_MESSAGES": "uz_UZ.UTF-8"}, "uz"),
    ],
)
def test_the_language_of_the_locale(environ, language):
    assert terminal_language(environ, LANGUAGES) == language


def line(uri: str, headline: str) -> str:
    item = {"uri": uri, "headline": headline, "language": "en", "subject": [{"name": "World"}]}
    return json.dumps(item)


def run_import(tmp_path: Path, env: dict[str, str], text: str) -> subprocess.CompletedProcess:
    feed = tmp_path / f"feed-{len(list(tmp_path.glob('feed-*')))}.jsonl"
    feed.write_text(text + "\n")
    sahifa = str(Path(sys.executable).with_name("sahifa"))
    return subprocess.run(
        [sahifa, "import", str(feed)], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_import_speaks_the_operators_language_and_prints_only_its_own_lines(
    transactional_db, tmp_path
):
    clean = {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "LOG_LEVEL", "LANGUAGE"}
    clean |= {k for k in os.environ if k.startswith("LC_")}
    env = {k: v for k, v in os.environ.items() if k not in clean}
    log_file = tmp_path / "sahifa.log"
    env.update(
        SAHIFA_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=database_url(tmp_path),
        # The import's jobs (search index, similar news) run in the command, and log.
        HUEY_IMMEDIATE="1",
        SAHIFA_LOG_FILE=str(log_file),
    )

    english = run_import(tmp_path, {**env, "LANG": "C"}, line("urn:cli:1", "First"))
    russian = run_import(tmp_path, {**env, "LANG": "ru_RU.UTF-8"}, line("urn:cli:2", "Second"))

    one_new = ImportReport(created=1)
    with translation.override("en"):
        assert english.stdout.strip() == one_new.summary()
    with translation.override("ru"):
        assert russian.stdout.strip() == one_new.summary()
    assert english.stdout != russian.stdout
    for run in (english, russian):
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""  # no job runner's INFO lines on the terminal
    logged = log_file.read_text()
    assert " INFO huey: " in logged and "index_imported" in logged  # they went to the log
