"""An article page reads its article, similar list, metadata and translations' addresses
from shared blocks (sahifa.core.blocks), yet shows every change made through the write
path on the next view: the blocks are renewed by the change events and list writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.core.urls import absolute_url

pytestmark = pytest.mark.django_db


def page(client, article: Article) -> str:
    response = client.get(article.get_url())
    assert response.status_code == 200
    return response.content.decode()


def edit(article: Article, **fields: str) -> None:
    for name, value in fields.items():
        setattr(article, name, value)
    actions.publish(article.save_revision(), via=actions.ADMIN)


def test_a_page_read_again_reads_no_article_row(client, make_article):
    article = make_article("Read twice", body="<p>Plain text.</p>")
    page(client, article)
    with CaptureQueriesContext(connection) as queries:
        page(client, article)
    assert not [q for q in queries.captured_queries if "articles_article" in q["sql"]]


def test_an_edit_shows_on_the_next_view(client, make_article, django_capture_on_commit_callbacks):
    article = make_article("Old headline", lead="Old lead.", body="<p>Old body.</p>")
    assert "Old headline" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, headline="New headline", lead="New lead.", body="<p>New body.</p>")
    html = page(client, article)
    for old, new in (
        ("Old headline", "New headline"),
        ("Old lead", "New lead"),
        ("Old body", "New body"),
    ):
        assert old not in html and new in html
    # Its metadata for platforms (og:title, the structured data) too.
    assert '<meta property="og:title" content="New headline">' in html


def test_a_withdrawn_article_is_gone_on_the_next_view(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article("To be withdrawn")
    page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(article, via=actions.ADMIN)
    assert client.get(article.get_url()).status_code == 404


def test_an_article_past_its_expiry_is_gone_before_the_schedule_runs(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article("Expiring")
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, expire_at=timezone.now() + timedelta(minutes=1))
    page(client, article)
    # The expiry passes; the schedule has not withdrawn it yet (no change event).
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert client.get(article.get_url()).status_code == 404


def test_a_similar_item_edited_shows_its_new_headline(
    client, make_article, django_capture_on_commit_callbacks
):
    reader = make_article("The story read")
    other = make_article("Other story before", category=reader.category)
    assert "Other story before" in page(client, reader)  # the category's newest
    with django_capture_on_commit_callbacks(execute=True):
        edit(other, headline="Other story after")
    html = page(client, reader)
    assert "Other story after" in html and "Other story before" not in html


def similar_section(html: str) -> str:
    return html.split('id="similar-heading"')[1].split("</section>")[0]


def test_a_stored_list_shows_on_the_next_view(client, make_article, make_category):
    from sahifa.related import services

    reader = make_article("The story read", age=timedelta(hours=3))
    make_article("Same section story", category=reader.category, age=timedelta(hours=2))
    picked = make_article("Picked by the engine", category=make_category("en", "sport"))
    # No stored list: the section's newest first, then the language's.
    shown = similar_section(page(client, reader))
    assert shown.index("Same section story") < shown.index("Picked by the engine")
    services.store(reader.pk, [(picked.pk, 0.9, False)])
    shown = similar_section(page(client, reader))
    assert shown.index("Picked by the engine") < shown.index("Same section story")


def test_a_translation_published_is_linked_on_the_next_view(
    client, make_article, make_category, django_capture_on_commit_callbacks
):
    story = make_article("Talks resume", language="en")
    assert 'rel="alternate" hreflang="ru"' not in page(client, story)
    translation = make_article(
        "Переговоры возобновились",
        language="ru",
        category=make_category("ru", "mir"),
        translation_key=story.translation_key,
        live=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(translation.save_revision(), via=actions.ADMIN)
    html = page(client, story)
    assert f'rel="alternate" hreflang="ru" href="{absolute_url(translation.get_url())}"' in html
    assert '<meta property="og:locale:alternate" content="ru_RU">' in html


def test_an_address_that_names_no_article_is_not_kept(client, make_article):
    article = make_article("Coming soon", live=False)
    assert client.get(article.get_url()).status_code == 404
    # Published without its change event (as a test's transaction never commits):
    # nothing kept stands in its way.
    Article.objects.filter(pk=article.pk).update(live=True, first_published_at=timezone.now())
    assert client.get(article.get_url()).status_code == 200


def test_a_previews_similar_list_is_its_own_and_never_kept(rf, make_article, make_category):
    from sahifa.pages.context import similar_news

    reader = make_article("The story read", age=timedelta(hours=3))
    same = make_article("Same section story", category=reader.category, age=timedelta(hours=2))
    sport = make_category("en", "sport")
    other = make_article("Sport story", category=sport)
    public = [item.pk for item in similar_news(rf.get("/"), reader)]
    assert public[0] == same.pk
    # The newsroom previews the article moved to Sport, unsaved.
    reader.category = sport
    preview = rf.get("/")
    preview.is_preview = True
    assert similar_news(preview, reader)[0].pk == other.pk
    reader.refresh_from_db()
    assert [item.pk for item in similar_news(rf.get("/"), reader)] == public
