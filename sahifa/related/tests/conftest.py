"""Fixtures for the similar-news tests: a fresh in-memory index for every test, and
articles on a few clearly different subjects."""

from __future__ import annotations

import pytest

from sahifa.related import index

SUBJECTS = {
    "football": (
        "The striker scored twice as the football club won the league match at the stadium. "
        "The coach praised the midfield, the goalkeeper saved a penalty and fans sang."
    ),
    "budget": (
        "The finance ministry presented the budget with higher taxes on banks and lower "
        "spending. Economists expect inflation and the deficit to fall next year."
    ),
    "weather": (
        "Heavy snow and freezing rain closed mountain roads; forecasters predict storms, "
        "strong wind and temperatures below zero across the northern valleys this week."
    ),
    "cinema": (
        "The director's new film premiered at the festival; the actress received the prize and "
        "critics applauded the script, the soundtrack and the cinematography."
    ),
}


@pytest.fixture(autouse=True)
def fresh_index():
    index.reset()
    yield
    index.reset()


@pytest.fixture
def article(make_article, django_capture_on_commit_callbacks):
    """make_article, with the jobs its commit starts run (as the worker would)."""

    def make(*args, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(*args, **kw)

    return make


@pytest.fixture
def story(article):
    """An article on one of SUBJECTS, with a twist so no two are copies."""

    def make(subject: str, twist: str = "", **kw):
        return article(
            headline=kw.pop("headline", f"{subject.title()}: {twist}"),
            lead=kw.pop("lead", twist),
            body=f"<p>{SUBJECTS[subject]}</p><p>{twist}</p>",
            **kw,
        )

    return make
