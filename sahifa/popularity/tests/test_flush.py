"""Writing buffered views to the database: batched, exactly once, across crashes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from sahifa.articles.models import Article
from sahifa.popularity.flush import apply_batch, flush
from sahifa.popularity.models import AppliedBatch, DailyViews

from .conftest import BROWSER_AGENT

pytestmark = pytest.mark.django_db


def record(buffer, article, readers: int, first: int = 0) -> None:
    for i in range(first, first + readers):
        buffer.record(article.pk, f"198.51.100.{i}", BROWSER_AGENT)


def stored(article) -> tuple[int, int]:
    total = Article.objects.get(pk=article.pk).view_count
    daily = sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))
    return total, daily


def test_flush_adds_to_the_total_and_the_day(buffer, make_article):
    article, other = make_article(), make_article()
    Article.objects.filter(pk=article.pk).update(view_count=40)
    record(buffer, article, 3)
    record(buffer, other, 2)
    assert flush(buffer) == 5
    assert stored(article) == (43, 3)
    assert stored(other) == (2, 2)
    today = DailyViews.objects.get(article=article)
    assert today.day == timezone.localdate()
    assert buffer.pending_total() == 0
    # A second flush with nothing new changes nothing; new views add up.
    assert flush(buffer) == 0
    record(buffer, article, 2, first=10)
    assert flush(buffer) == 2
    assert stored(article) == (45, 5)


def test_the_views_command_flushes_and_reports(buffer, make_article):
    article = make_article()
    record(buffer, article, 4)
    out = StringIO()
    with translation.override("en"):
        call_command("views", "status", stdout=out)
        assert out.getvalue().startswith("4 views wait")
    with translation.override("ru"):
        call_command("views", "flush", stdout=out)
    assert "Записано просмотров: 4" in out.getvalue()
    assert stored(article) == (4, 4)


def test_a_batch_claimed_before_a_crash_is_applied_by_the_next_flush(buffer, make_article):
    article = make_article()
    record(buffer, article, 3)
    assert buffer.claim()  # ... and the process died before writing the batch
    record(buffer, article, 2, first=20)
    assert flush(buffer) == 5
    assert stored(article) == (5, 5)
    assert buffer.batches() == []


def test_a_batch_written_before_a_crash_is_not_written_twice(buffer, make_article):
    article = make_article()
    record(buffer, article, 3)
    batch = buffer.claim()
    assert apply_batch(batch, buffer.batch_counts(batch)) == 3  # ... died before release
    assert flush(buffer) == 0
    assert stored(article) == (3, 3)
    assert buffer.batches() == []
    assert AppliedBatch.objects.filter(batch_id=batch).exists()


def test_views_of_a_deleted_article_are_dropped(buffer, make_article):
    kept, deleted = make_article(), make_article()
    record(buffer, kept, 2)
    record(buffer, deleted, 2)
    Article.objects.filter(pk=deleted.pk).delete()
    assert flush(buffer) == 2
    assert stored(kept) == (2, 2)
    assert buffer.pending_total() == 0


def test_a_due_flush_waits_for_the_interval(buffer, make_article):
    article = make_article()
    record(buffer, article, 1)
    assert flush(buffer, due_seconds=60) == 1
    record(buffer, article, 1, first=5)
    # Another process asking within the interval leaves the view for later ...
    assert flush(buffer, due_seconds=60) == 0
    # ... which the unconditional flush (command, job queue, exit) writes.
    assert flush(buffer) == 1
