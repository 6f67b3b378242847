"""`sahifa backup` and `sahifa restore` for real: a site with articles, pictures and view
counts (some still in the buffer) is backed up while a writer keeps counting views,
saving drafts and flushing; the backup is restored into an empty site, and every
article, picture (file bytes) and view count is compared. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings

from conftest import WORKER
from sahifa.core.tests.backup_scripts import COUNT_VIEWS, DESCRIBE, WRITER
from sahifa.core.tests.observing import run_python, sahifa, site_env

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_urls(request, tmp_path) -> Iterator[tuple[str, str]]:
    """Two empty databases of the kind asked for: the site's and the restore's."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if request.param == "sqlite":
        if on_postgres:
            pytest.skip("runs in the SQLite pass")
        yield f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
        return
    names = [f"sahifa_backup_{WORKER}_{uuid.uuid4().hex[:8]}_{s}" for s in "ab"]
    with _postgres() as db:
        for name in names:
            db.execute(f'CREATE DATABASE "{name}"')
    base = settings.DATABASES["default"]
    server = f"postgres://{base['USER']}:{base['PASSWORD']}@{base['HOST']}:{base['PORT']}"
    try:
        yield f"{server}/{names[0]}", f"{server}/{names[1]}"
    finally:
        with _postgres() as db:
            for name in names:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres():
    import psycopg

    base = settings.DATABASES["default"]
    return psycopg.connect(
        host=base["HOST"], port=base["PORT"], user=base["USER"], password=base["PASSWORD"],
        dbname="postgres", autocommit=True,
    )  # fmt: skip


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def describe(env: dict[str, str]) -> dict:
    return json.loads(ok(run_python(DESCRIBE, env)))


def test_backup_while_writing_then_restore_into_an_empty_site(database_urls, tmp_path):
    url_a, url_b = database_urls
    quiet = {"LOG_LEVEL": "WARNING", "SAHIFA_VIEWS_FLUSH_SECONDS": "0"}
    site = site_env(tmp_path / "site", DATABASE_URL=url_a, HUEY_IMMEDIATE="1", **quiet)
    fresh = site_env(tmp_path / "fresh", DATABASE_URL=url_b, **quiet)
    ok(sahifa("migrate", "--noinput", env=site))
    ok(sahifa("load_demo", "--bbc-limit", "0", env=site))
    counted = json.loads(ok(run_python(COUNT_VIEWS, site)))
    assert counted["waiting"] > 0  # views the backup must take from the buffer
    writer_id = str(counted["ids"][0])
    before = describe(site)

    stop = tmp_path / "stop-writing"
    writer_env = {**site, "HUEY_IMMEDIATE": "0"}  # its jobs wait in the queue
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, writer_id, str(stop)],
        env=writer_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing", writer.stderr
        backup = tmp_path / "backup"
        told = ok(sahifa("backup", str(backup), env=site))
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    wrote = json.loads(out.strip().splitlines()[-1])
    assert wrote["flushes"] > 0 and wrote["drafts"] > 0
    assert str(backup) in told  # the command names where it wrote (in the site's language)
    ok(sahifa("views", "flush", env=site))
    after = describe(site)

    ok(sahifa("restore", str(backup), env=fresh))
    restored = describe(fresh)

    # Articles: every row as it was (the writer's drafts change only its draft columns).
    draft_columns = {"latest_revision_id", "has_unpublished_changes", "view_count"}
    assert restored["articles"].keys() == after["articles"].keys()
    for pk, row in after["articles"].items():
        mine = restored["articles"][pk]
        if pk == writer_id:
            row = {k: v for k, v in row.items() if k not in draft_columns}
            mine = {k: v for k, v in mine.items() if k not in draft_columns}
        else:
            row = {k: v for k, v in row.items() if k != "view_count"}
            mine = {k: v for k, v in mine.items() if k != "view_count"}
        assert mine == row, pk
    # Pictures and every stored size: same rows, same bytes.
    assert restored["pictures"] == after["pictures"] and len(after["pictures"]) > 10
    assert restored["sizes"] == after["sizes"] and after["sizes"]
    # Views: every view counted before the backup, exactly once (those that waited in the
    # buffer too); the writer's article somewhere between before and after.
    views = {pk: int(row["view_count"]) for pk, row in restored["articles"].items()}
    final = {pk: int(row["view_count"]) for pk, row in after["articles"].items()}
    for pk, total in final.items():
        if pk != writer_id:
            assert views[pk] == total, pk
    started = int(before["articles"][writer_id]["view_count"])
    assert started < views[writer_id] <= final[writer_id]
    assert sum(final.values()) > 0
    # Daily counts agree with the totals in the restored site.
    assert restored["daily"] == {pk: n for pk, n in views.items() if n}


def test_restore_refuses_a_site_that_is_not_empty(tmp_path):
    """Nothing is overwritten without --force; a folder without a manifest is no backup."""
    env = site_env(tmp_path / "site", DATABASE_URL=f"sqlite:///{tmp_path / 'a.sqlite3'}")
    ok(sahifa("migrate", "--noinput", env=env))
    backup = tmp_path / "backup"
    ok(sahifa("backup", str(backup), env=env))
    refused = sahifa("restore", str(backup), env=env)
    assert refused.returncode != 0
    assert "--force" in refused.stderr
    assert sahifa("restore", str(backup), "--force", env=env).returncode == 0
    again = sahifa("backup", str(backup), env=env)
    assert again.returncode != 0 and str(backup) in again.stderr
    (tmp_path / "half").mkdir()
    missing = sahifa("restore", str(tmp_path / "half"), env=env)
    assert missing.returncode != 0 and "manifest.json" in missing.stderr
