"""The index follows the write path: publish, edit, unpublish, expire, delete."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sahifa.articles import actions
from sahifa.search import engine
from sahifa.search.models import SearchDocument


def found(text: str, language: str = "en") -> list[int]:
    return [a.pk for a in engine.search(language, text).shown()]


def test_publishing_editing_and_withdrawing_follow(write, django_capture_on_commit_callbacks):
    article = write("Wildfire spreads north", live=False)
    assert SearchDocument.objects.filter(pk=article.pk).exists()  # drafts: for the newsroom
    assert found("wildfire") == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    assert found("wildfire") == [article.pk]

    article.headline = "Earthquake shakes the coast"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    assert found("earthquake") == [article.pk]
    assert found("wildfire") == []

    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(article, via=actions.ADMIN)
    assert found("earthquake") == []


def test_expiry_and_deletion_follow(write, django_capture_on_commit_callbacks):
    article = write("Heatwave warning", expire_at=timezone.now() + timedelta(minutes=5))
    assert found("heatwave") == [article.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.expire_due(timezone.now() + timedelta(minutes=10)) == 1
    assert found("heatwave") == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete([article], via=actions.ADMIN)
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_a_withdrawn_article_is_not_shown_before_the_index_catches_up(write):
    article = write("Bridge reopens")
    type(article).objects.filter(pk=article.pk).update(live=False)  # no event, no job
    assert SearchDocument.objects.filter(pk=article.pk).exists()
    assert found("bridge") == []
