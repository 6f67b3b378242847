"""The blocks every page repeats are cached (sahifa.core.blocks), yet what an editor
publishes or withdraws shows on the next page view in the same process."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_published_and_withdrawn_articles_show_at_once(
    client, make_article, make_category, django_capture_on_commit_callbacks
):
    world = make_category("en", "world", "World")
    first = make_article("First story", category=world)
    reader = make_article("Being read", category=world)
    for path in ("/en/", reader.get_url()):
        assert "First story" in client.get(path).content.decode()

    # Blocks are renewed by the change events, sent when the write commits.
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_article("Fresh story", category=world)
    home, article = client.get("/en/").content.decode(), client.get(reader.get_url())
    assert "Fresh story" in home
    assert "Fresh story" in article.content.decode()  # the latest-news rail

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert "First story" not in client.get("/en/").content.decode()
    assert "First story" not in client.get(reader.get_url()).content.decode()
    assert client.get(first.get_url()).status_code == 404
    assert fresh.get_url() in client.get("/en/latest/").content.decode()


def test_new_section_shows_in_the_menu_at_once(
    client, make_article, make_category, django_capture_on_commit_callbacks
):
    make_article("A story", category=make_category("en", "world", "World"))
    assert "Science" not in client.get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_category("en", "science", "Science")
    assert "Science" in client.get("/en/").content.decode()
