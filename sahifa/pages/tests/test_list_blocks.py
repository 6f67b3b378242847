"""A list page (a category's, latest news) reads its count and cards from a shared block
(sahifa.core.blocks), yet an article withdrawn, expired or edited shows so on the next
view: the block is renewed by the change events, and a card whose expiry time has
passed is dropped when read."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sahifa.articles import actions
from sahifa.core import blocks

pytestmark = pytest.mark.django_db

PATHS = ("/en/world/", "/en/latest/")


@pytest.fixture
def world(make_category):
    return make_category("en", "world", "World")


def page(client, path: str) -> str:
    """The list of ``path``: its ``<main>`` (the header's ticker is another block)."""
    response = client.get(path)
    assert response.status_code == 200, path
    return str(BeautifulSoup(response.content, "html.parser").main)


def article_rows_read(client, path: str) -> list[str]:
    """The queries of a view of ``path`` that read articles."""
    with CaptureQueriesContext(connection) as queries:
        page(client, path)
    return [q["sql"] for q in queries.captured_queries if "articles_article" in q["sql"]]


def test_a_list_page_read_again_reads_no_article_row(client, world, make_article, make_image):
    make_article("With a picture", category=world, image=make_image(size=(640, 360)))
    make_article("Without one", category=world, lead="", body="<p>Its body opens.</p>")
    for path in PATHS:
        assert "Its body opens." in page(client, path)  # its snippet, with no lead
        assert article_rows_read(client, path) == [], path
        # Read from the shared cache as another process would, the cards rendered again
        # (no fragment kept): the block holds all they show.
        blocks.forget_local()
        caches["fragments"].clear()
        assert article_rows_read(client, path) == [], path
        assert "Its body opens." in page(client, path)


def test_a_withdrawn_article_drops_out_at_once(
    client, world, make_article, django_capture_on_commit_callbacks
):
    kept = make_article("Stays on", category=world)
    gone = make_article("To be withdrawn", category=world)
    for path in PATHS:
        assert "To be withdrawn" in page(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(gone, via=actions.ADMIN)
    for path in PATHS:
        html = page(client, path)
        assert "To be withdrawn" not in html and kept.headline in html, path


def test_an_article_past_its_expiry_drops_out_before_the_schedule_runs(client, world, make_article):
    make_article("Stays on", category=world)
    make_article("Expiring", category=world, expire_at=timezone.now() + timedelta(seconds=10))
    for path in PATHS:
        assert "Expiring" in page(client, path)
    # The expiry passes; the schedule has not withdrawn it (no change event) and the
    # pages' blocks are still fresh: the card is dropped when read.
    with time_machine.travel(timezone.now() + timedelta(seconds=15)):
        for path in PATHS:
            assert article_rows_read(client, path) == [], path
            html = page(client, path)
            assert "Expiring" not in html and "Stays on" in html, path


def test_an_edited_headline_shows_at_once(
    client, world, make_article, django_capture_on_commit_callbacks
):
    article = make_article("Old headline", category=world)
    for path in PATHS:
        assert "Old headline" in page(client, path)
    article.headline = "New headline"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    for path in PATHS:
        html = page(client, path)
        assert "New headline" in html and "Old headline" not in html, path


def test_a_deeper_page_drops_a_withdrawn_article_too(
    client, world, make_article, settings, django_capture_on_commit_callbacks
):
    settings.SAHIFA_PAGE_SIZE = 2
    made = [make_article(f"Story {n}", category=world, age=timedelta(hours=n)) for n in range(4)]
    assert "Story 3" in page(client, "/en/world/page/2/")
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(made[3], via=actions.ADMIN)
    html = page(client, "/en/world/page/2/")
    assert "Story 3" not in html and "Story 2" in html
