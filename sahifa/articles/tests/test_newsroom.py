"""The newsroom through the real Wagtail admin, as the demo's editor (Editors group,
no superuser): upload a picture, write, preview, save a draft, schedule, publish,
unpublish, read the history."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.admin.panels import InlinePanel, Panel
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from sahifa.articles.models import Article
from sahifa.articles.tasks import publish_scheduled
from sahifa.images.models import NewsImage

NS = "wagtailsnippets_articles_article"
PUBLISH = {"action-publish": "action-publish"}  # the Publish button


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (30, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def upload_image(client) -> NewsImage:
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Tashkent skyline",
            "file": SimpleUploadedFile("skyline.jpg", jpeg_bytes(), content_type="image/jpeg"),
            "caption": "The city at dusk",
            "credit": "Newsroom photographer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsImage.objects.get(title="Tashkent skyline")


def inline_relations(panel: Panel) -> list[str]:
    """The relations the article form edits inline (other apps add some)."""
    if isinstance(panel, InlinePanel):
        return [panel.relation_name]
    return [name for child in getattr(panel, "children", []) for name in inline_relations(child)]


def article_form(category, image, **fields) -> dict:
    """What the admin's article form posts, with no inline rows."""
    data = {
        "headline": "Metro line opens to the airport",
        "social_headline": "",
        "lead": "Trains run every six minutes.",
        "body": rich_text("<p>The new line has five stations.</p>"),
        "image": image.pk,
        "image_caption": "A train at the new station",
        "image_credit": "Newsroom photographer",
        "category": category.pk,
        "tags": "",
        "byline": "Staff reporter",
        "slug": "",
        "source_name": "",
        "source_url": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(
        {relation: inline_formset([]) for relation in inline_relations(Article.edit_handler)}
    )
    data.update(fields)
    return nested_form_data(data)


def local_minute(when) -> str:
    """A time as the admin's date-time field takes it: the site's time zone."""
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M")


def actions(article: Article) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(article).order_by("pk").values_list("action", flat=True)
    )


def assert_previews(client, preview_url: str, form: dict, text: str) -> None:
    """Post the form to the preview view, then fetch the page it renders."""
    state = client.post(preview_url, form).json()
    assert state["is_valid"] and state["is_available"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert text in html
    assert "A train at the new station" in html  # the main image's caption


@pytest.mark.django_db
def test_preview_before_the_first_save(editor_client, make_category):
    category = make_category("en", "uzbekistan", "Uzbekistan")
    image = upload_image(editor_client)
    add = editor_client.get(reverse(f"{NS}:add") + "?locale=en")
    preview_url = reverse(f"{NS}:preview_on_add") + "?locale=en"
    assert preview_url in add.content.decode()  # the add page previews in its language
    form = article_form(category, image)
    assert_previews(editor_client, preview_url, form, "Metro line opens to the airport")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_write_preview_schedule_publish_unpublish_and_history(
    editor_client, make_category, django_capture_on_commit_callbacks
):
    client = editor_client
    category = make_category("en", "uzbekistan", "Uzbekistan")
    image = upload_image(client)
    assert image.file.read(2) == b"\xff\xd8"

    # Save a draft: stored, not public.
    response = client.post(reverse(f"{NS}:add") + "?locale=en", article_form(category, image))
    assert response.status_code == 302
    article = Article.objects.get(headline="Metro line opens to the airport")
    assert not article.live and article.image == image
    assert client.get(article.get_url()).status_code == 404

    # Preview the draft with an edit: the article page as it would look.
    preview_url = reverse(f"{NS}:preview_on_edit", args=[article.pk])
    edited = article_form(category, image, lead="Trains run every five minutes.")
    assert_previews(client, preview_url, edited, "Trains run every five minutes.")
    assert Article.objects.get(pk=article.pk).lead == "Trains run every six minutes."

    # Schedule it for a future minute: still not public...
    go_live = timezone.now() + timedelta(minutes=2)
    response = client.post(
        reverse(f"{NS}:edit", args=[article.pk]),
        article_form(category, image, go_live_at=local_minute(go_live), **PUBLISH),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live and article.go_live_at is not None
    publish_scheduled()
    article.refresh_from_db()
    assert not article.live

    # ...until the periodic job runs once its minute has come.
    with time_machine.travel(go_live + timedelta(minutes=1)):
        publish_scheduled()
    article.refresh_from_db()
    assert article.live
    page = client.get(article.get_url())
    assert page.status_code == 200
    assert "Metro line opens to the airport" in page.content.decode()

    # Unpublish: the public page is gone (once the change commits and its event renews
    # the site's cached blocks).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(f"{NS}:unpublish", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.get_url()).status_code == 404

    # Publish again at once, with an edited headline.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(f"{NS}:edit", args=[article.pk]),
            article_form(category, image, headline="Airport metro line reopens", **PUBLISH),
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.headline == "Airport metro line reopens"
    assert "Airport metro line reopens" in client.get(article.get_url()).content.decode()

    # The history lists every step, and each saved state is a revision.
    assert actions(article) == [
        "wagtail.create",  # the draft
        "wagtail.edit",  # saved with a go-live time...
        "wagtail.publish.schedule",  # ...and Publish pressed: scheduled
        "wagtail.publish.scheduled",  # the job published it
        "wagtail.unpublish",
        "wagtail.edit",
        "wagtail.publish",
    ]
    assert article.revisions.count() >= 3
    history = client.get(reverse(f"{NS}:history", args=[article.pk]))
    assert history.status_code == 200
    html = history.content.decode()
    for revision in article.revisions.all():  # each version can be opened from there
        assert reverse(f"{NS}:revisions_view", args=[article.pk, revision.pk]) in html


def test_the_publishing_job_runs_every_minute():
    start = timezone.localtime().replace(second=0, microsecond=0)
    minutes = [start + timedelta(minutes=n) for n in range(120)]
    task = publish_scheduled.task_class()
    assert all(task.validate_datetime(minute) for minute in minutes)
