"""Lists are kept up to date by the background job when articles change."""

from __future__ import annotations

from sahifa.related.models import ArticleTerms, SimilarItem
from sahifa.related.selectors import stored_similar


def stored(article) -> list[int]:
    return list(
        SimilarItem.objects.filter(article=article)
        .order_by("rank")
        .values_list("similar_id", flat=True)
    )


def test_publishing_stores_the_list_and_enters_the_lists_of_recent_articles(story):
    older = story("cinema", "festival opening night")
    assert stored(older) == []
    newer = story("cinema", "award ceremony")
    assert stored(newer) == [older.pk]
    assert stored(older) == [newer.pk]


def test_publishing_through_wagtail_runs_the_job(
    story, make_article, django_capture_on_commit_callbacks
):
    older = story("weather", "avalanche warning")
    draft = make_article(
        headline="Storm warning", lead="", body="<p>Storm and snow close mountain roads.</p>",
        live=False,
    )  # fmt: skip
    assert older.pk not in stored(draft) and draft.pk not in stored(older)
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert stored(draft) == [older.pk]
    assert stored(older) == [draft.pk]


def test_unpublishing_takes_the_article_out_of_other_lists(
    story, django_capture_on_commit_callbacks
):
    a = story("budget", "tax reform")
    b = story("budget", "deficit forecast")
    assert stored(a) == [b.pk]
    with django_capture_on_commit_callbacks(execute=True):
        b.unpublish()
    assert stored(a) == []
    assert stored(b) == []
    assert ArticleTerms.objects.get(article=b).active is False


def test_editing_the_text_moves_the_article_between_lists(
    story, django_capture_on_commit_callbacks
):
    football = story("football", "derby")
    cinema = story("cinema", "premiere")
    moving = story("football", "cup final")
    assert moving.pk in stored(football) and moving.pk not in stored(cinema)
    moving.headline, moving.body = "Premiere", "<p>The film premiered at the festival.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        moving.save()
    assert moving.pk in stored(cinema)
    assert moving.pk not in list(stored_similar(football).values_list("pk", flat=True))


def test_deleting_an_article_refreshes_the_lists_it_was_in(
    story, django_capture_on_commit_callbacks
):
    twists = (
        "avalanche buried three villages near the border",
        "flood waters rose over the old market and two bridges",
        "gales tore roofs off schools and a hospital",
    )
    a, b, c = (story("weather", twist) for twist in twists)
    assert b.pk in stored(a)
    with django_capture_on_commit_callbacks(execute=True):
        b.delete()
    assert stored(a) == [c.pk]


def _ninjs(uri: str, headline: str, body: str) -> str:
    import json

    return json.dumps(
        {
            "uri": uri,
            "headline": headline,
            "body_text": body,
            "language": "en",
            "firstcreated": "2026-11-20T10:00:00+05:00",
            "subject": [{"name": "World", "code": "world"}],
        }
    )


IMPORTED = [
    ("urn:t:1", "Glacier melt speeds up", "Glacier melt in the mountains speeds up this summer."),
    ("urn:t:2", "Mountain glacier shrinks", "Another mountain glacier shrinks as melt speeds up."),
    ("urn:t:3", "Chess final drawn", "The chess final ended in a draw after six hours."),
]


def _import_and_lists(django_capture_on_commit_callbacks) -> dict[str, list[str]]:
    from sahifa.articles.models import Article
    from sahifa.interchange.importer import import_ninjs

    with django_capture_on_commit_callbacks(execute=True):
        report = import_ninjs([_ninjs(*item) for item in IMPORTED])
    assert report.ok, report.errors
    uris = dict(Article.objects.values_list("pk", "uri"))
    return {uris[a.pk]: [uris[pk] for pk in stored(a)] for a in Article.objects.all()}


def test_imported_articles_get_lists(db, django_capture_on_commit_callbacks):
    lists = _import_and_lists(django_capture_on_commit_callbacks)
    assert lists["urn:t:1"][0] == "urn:t:2"
    assert lists["urn:t:2"][0] == "urn:t:1"


def test_a_large_import_rebuilds_its_language(db, django_capture_on_commit_callbacks, monkeypatch):
    from sahifa.related import signals

    monkeypatch.setattr(signals, "BULK_IMPORT", 2)  # three lines count as a large run
    lists = _import_and_lists(django_capture_on_commit_callbacks)
    assert lists["urn:t:1"][0] == "urn:t:2"
    assert lists["urn:t:2"][0] == "urn:t:1"
