"""Fixtures for the search tests: articles written through the write path, so the index
follows their change events as it does on the site (the jobs run inline)."""

from __future__ import annotations

import pytest

from sahifa.articles import actions
from sahifa.search import documents


@pytest.fixture
def write(make_article, django_capture_on_commit_callbacks):
    """A published article (unless live=False: a draft), through the write path."""

    def make(headline: str, body: str = "", language: str = "en", live: bool = True, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(
                headline=headline, language=language, live=False, body=f"<p>{body}</p>", **kw
            )
            revision = actions.save_draft(article, via=actions.ADMIN)
        if live:
            published_at = kw.get("published_at") or article.updated_at
            with django_capture_on_commit_callbacks(execute=True):
                actions.publish(revision, via=actions.ADMIN)
            # The time a test asks for, and the index's copy of it.
            type(article).objects.filter(pk=article.pk).update(first_published_at=published_at)
            documents.index([article.pk])
        article.refresh_from_db()
        return article

    return make
