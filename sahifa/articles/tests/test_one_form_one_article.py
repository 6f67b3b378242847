"""One create form makes one article, whatever it sends: saves, autosaves (JSON) and
publishes carrying the form's key all reach the same article."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.articles.tests.test_newsroom import NS, PUBLISH, article_form, upload_image

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def form(editor_client, make_category):
    category = make_category("en", "uzbekistan", "Uzbekistan")
    image = upload_image(editor_client)
    key = str(uuid.uuid4())
    return lambda **fields: article_form(category, image, creation_key=key, **fields)


ADD = reverse(f"{NS}:add") + "?locale=en"


@pytest.mark.django_db
def test_autosave_then_save_then_publish_from_the_add_page(editor_client, form):
    autosaved = editor_client.post(ADD, form(), **AUTOSAVE)
    assert autosaved.status_code == 200 and autosaved.json()["success"]
    article = Article.objects.get()
    edit_url = reverse(f"{NS}:edit", args=[article.pk])
    assert autosaved.json()["url"] == edit_url

    # The form still posts to the add page (the autosave's answer had not arrived).
    again = editor_client.post(ADD, form(lead="Trains run every five minutes."), **AUTOSAVE)
    assert again.json()["success"] and again.json()["url"] == edit_url
    saved = editor_client.post(ADD, form(lead="Every four minutes."))
    assert saved.status_code == 302
    published = editor_client.post(ADD, form(lead="Every three minutes.", **PUBLISH))
    assert published.status_code == 302

    article = Article.objects.get()
    assert article.live and article.lead == "Every three minutes."
    assert article.slug == "metro-line-opens-to-the-airport"


@pytest.mark.django_db
def test_forms_without_the_same_key_make_their_own_articles(editor_client, form):
    editor_client.post(ADD, form())
    other = article_form(Article.objects.get().category, Article.objects.get().image)
    editor_client.post(ADD, {**other, "creation_key": str(uuid.uuid4())})
    editor_client.post(ADD, other)  # no key at all (an older page): a new article
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_a_create_that_lost_the_race_writes_nothing(make_article):
    """Two requests of one form that both found the key free: the second to claim it
    rolls back its article and is told which article the form made."""
    first = make_article("First")
    key = uuid.uuid4()
    actions.save_from_form(lambda: first, via=actions.ADMIN, creation_key=key)
    second = Article(headline="Second", locale=first.locale, category=first.category, live=False)
    with pytest.raises(actions.AlreadyCreated) as raised:
        actions.save_from_form(
            lambda: (second.save(), second)[1], via=actions.ADMIN, creation_key=key
        )
    assert raised.value.article_id == first.pk
    assert not Article.objects.filter(headline="Second").exists()
