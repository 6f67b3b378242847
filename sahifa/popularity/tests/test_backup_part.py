"""The views buffer's part of a backup: what waits is kept, and a flush that runs between
the buffer's copy and the database's never makes a view count twice after a restore."""

import pytest

from sahifa.core.backup import parts
from sahifa.popularity.backup import ViewsPart
from sahifa.popularity.flush import flush

from .test_flush import record, stored

pytestmark = pytest.mark.django_db


def test_the_part_is_registered():
    assert "views" in [part.name for part in parts()]


def test_waiting_views_come_back_on_restore(buffer, make_article, tmp_path):
    article, other = make_article(), make_article()
    record(buffer, article, 3)
    record(buffer, other, 2)
    info = ViewsPart().dump(tmp_path)
    assert info["views"] == 5 and info["batches"] == 1
    # The database copy of the backup has none of them: the restore writes them all.
    written = ViewsPart().load(tmp_path, info)
    assert written == {"views": 5}
    assert stored(article) == (3, 3) and stored(other) == (2, 2)
    # The live site's own flush later applies the same batch: recorded, so skipped.
    assert flush(buffer) == 0
    assert stored(article) == (3, 3)


def test_a_flush_between_the_copies_is_not_counted_twice(buffer, make_article, tmp_path):
    article = make_article()
    record(buffer, article, 4)
    info = ViewsPart().dump(tmp_path)
    # The site's flusher applies the claimed batch before the database is copied: the
    # copy holds the views and the batch's id.
    assert flush(buffer) == 4
    record(buffer, article, 2, first=10)  # after the backup: in neither copy
    assert ViewsPart().load(tmp_path, info) == {"views": 0}
    assert stored(article) == (4, 4)
