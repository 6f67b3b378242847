"""Articles reach their language's Telegram channel through the real write path, the
real change events and the real jobs, against a local Bot API (`conftest.FakeBotAPI`)."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ENQUEUED
from PIL import Image

from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.telegram import message
from sahifa.telegram.message import units
from sahifa.telegram.models import PostKind, PostState, TelegramPost

from .conftest import TelegramHTML

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish an article (a draft, or a live one with changes) as the newsroom does."""

    def publish(article: Article, **changes) -> Article:
        for name, value in changes.items():
            setattr(article, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            actions.publish(article.save_revision(), via=actions.ADMIN)
        return Article.objects.get(pk=article.pk)

    return publish


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as a transaction that commits (its change event is sent)."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def picture(db):
    from wagtail.images.tests.utils import get_test_image_file

    from sahifa.images.models import NewsImage

    return NewsImage.objects.create(title="Metro", file=get_test_image_file(size=(1600, 900)))


def draft(make_article, **kw) -> Article:
    kw.setdefault("headline", "Metro line opens to the airport")
    kw.setdefault("lead", "Trains run every six minutes.")
    return make_article(live=False, **kw)


def post_of(article: Article) -> TelegramPost:
    return TelegramPost.objects.get(article_id=article.pk)


def test_first_publish_posts_the_picture_with_headline_lead_and_link(
    bot_api, publish, make_article, picture
):
    article = publish(draft(make_article, image=picture))

    (call,) = bot_api.calls
    assert call.method == "sendPhoto"
    assert call.fields["chat_id"] == "@sahifa_en"
    assert call.fields["parse_mode"] == "HTML"
    link = f"http://127.0.0.1:8000{article.get_url()}"
    assert call.fields["caption"] == (
        f"<b>Metro line opens to the airport</b>\n\nTrains run every six minutes.\n\n{link}"
    )
    # The site's address (127.0.0.1) is not one Telegram can fetch from: the social
    # picture (1200×630) is uploaded.
    name, data, kind = call.files["photo"]
    assert kind == "image/png" and name.endswith(".png")
    assert Image.open(io.BytesIO(data)).size == (1200, 630)

    post = post_of(article)
    assert post.state == PostState.SENT and post.kind == PostKind.PHOTO
    assert post.message_id == 2841 and post.chat == "@sahifa_en" and post.language == "en"
    assert post.posted_at is not None and post.last_error == ""


def test_a_public_site_sends_the_pictures_address(
    bot_api, publish, make_article, picture, settings
):
    settings.SAHIFA_BASE_URL = "https://news.example.uz"
    publish(draft(make_article, image=picture))
    (call,) = bot_api.of("sendPhoto")
    assert call.files == {}
    rendition = picture.get_rendition("fill-1200x630-c100")
    assert call.fields["photo"] == f"https://news.example.uz{rendition.url}"


def test_a_picture_telegram_cannot_fetch_is_uploaded(
    bot_api, publish, make_article, picture, settings
):
    settings.SAHIFA_BASE_URL = "https://news.example.uz"
    bot_api.queue("wrong_photo_url", "sendPhoto")
    article = publish(draft(make_article, image=picture))
    by_url, uploaded = bot_api.of("sendPhoto")
    assert by_url.fields["photo"].startswith("https://") and "photo" in uploaded.files
    assert post_of(article).state == PostState.SENT


def test_without_a_picture_it_is_a_text_message(bot_api, publish, make_article):
    article = publish(draft(make_article))
    (call,) = bot_api.calls
    assert call.method == "sendMessage"
    assert call.fields["text"].startswith("<b>Metro line opens to the airport</b>\n\n")
    assert post_of(article).kind == PostKind.TEXT


def test_publishing_again_or_republishing_never_posts_again(
    bot_api, publish, committed, make_article
):
    article = publish(draft(make_article))
    publish(article)  # published again, nothing changed
    committed(actions.unpublish, article, via=actions.ADMIN)
    publish(Article.objects.get(pk=article.pk))  # back online
    assert len(bot_api.of("sendMessage", "sendPhoto")) == 1
    assert TelegramPost.objects.count() == 1


def test_each_language_goes_to_its_own_channel(bot_api, publish, make_article, make_category):
    publish(draft(make_article, language="ru", category=make_category("ru", "mir")))
    publish(draft(make_article, language="en"))
    assert [c.fields["chat_id"] for c in bot_api.calls] == ["-1001706285402", "@sahifa_en"]


def test_a_latin_article_and_its_cyrillic_edition_go_to_their_channels(
    bot_api, publish, make_article, make_category
):
    article = draft(make_article, language="uz", category=make_category("uz", "jahon"))
    publish(article, headline="Metro aeroportgacha ochildi", lead="Poyezdlar olti daqiqada.")
    chats = sorted(c.fields["chat_id"] for c in bot_api.calls)
    assert chats == ["@sahifa_kirill", "@sahifa_uz"]
    cyrillic = next(c for c in bot_api.calls if c.fields["chat_id"] == "@sahifa_kirill")
    assert cyrillic.fields["text"].startswith("<b>Метро аэропортгача очилди</b>")


def test_an_editor_can_keep_an_article_off_telegram(bot_api, publish, make_article):
    article = publish(draft(make_article, post_to_telegram=False))
    assert article.live and bot_api.calls == []
    assert not TelegramPost.objects.exists()


def test_nothing_happens_when_telegram_is_not_configured(
    bot_api, publish, make_article, settings, picture
):
    settings.SAHIFA_TELEGRAM_TOKEN = ""
    queued = []

    def heard(signal, task, *args):
        queued.append(task.name)

    HUEY.signal(SIGNAL_ENQUEUED)(heard)
    try:
        article = publish(draft(make_article, image=picture))
    finally:
        HUEY.disconnect_signal(heard, SIGNAL_ENQUEUED)
    assert article.live
    assert bot_api.calls == [] and not TelegramPost.objects.exists()
    assert not [name for name in queued if "telegram" in name]


def test_a_language_without_a_channel_is_not_posted(bot_api, publish, make_article, settings):
    settings.SAHIFA_TELEGRAM_CHANNELS = {"ru": "@sahifa_ru"}
    publish(draft(make_article, language="en"))
    assert bot_api.calls == []


def test_an_old_article_put_back_online_is_not_posted(bot_api, publish, make_article):
    article = make_article(age=timedelta(days=3))  # published before Telegram was set up
    article.live = False
    article.save()
    publish(article)
    assert bot_api.calls == [] and not TelegramPost.objects.exists()


# --- Edits and withdrawals ---------------------------------------------------------------
def test_an_edit_within_48_hours_edits_the_caption(bot_api, publish, make_article, picture):
    article = publish(draft(make_article, image=picture))
    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        publish(article, headline="Airport metro line reopens")
    (edit,) = bot_api.of("editMessageCaption")
    assert edit.fields["chat_id"] == "@sahifa_en" and edit.fields["message_id"] == 2841
    assert edit.fields["caption"].startswith("<b>Airport metro line reopens</b>\n\nTrains run")
    post = post_of(article)
    assert post.text == edit.fields["caption"] and post.edited_at is not None


def test_an_edit_of_a_text_post_edits_its_text(bot_api, publish, make_article):
    article = publish(draft(make_article))
    publish(article, lead="Trains run every five minutes.")
    (edit,) = bot_api.of("editMessageText")
    assert "Trains run every five minutes." in edit.fields["text"]


def test_an_edit_after_48_hours_leaves_the_post(bot_api, publish, make_article):
    article = publish(draft(make_article))
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        publish(article, headline="Airport metro line reopens")
    assert bot_api.of("editMessageText", "editMessageCaption") == []


def test_an_edit_that_does_not_change_the_post_sends_nothing(bot_api, publish, make_article):
    article = publish(draft(make_article))
    publish(article, body="<p>A longer body.</p>")
    assert bot_api.of("editMessageText") == []


def test_an_edit_telegram_already_has_is_taken_as_done(bot_api, publish, make_article):
    article = publish(draft(make_article))
    bot_api.queue("not_modified", "editMessageText")
    publish(article, headline="Airport metro line reopens")
    post = post_of(article)
    assert post.last_error == "" and "Airport metro line reopens" in post.text


def test_unpublishing_deletes_the_post(bot_api, publish, committed, make_article):
    article = publish(draft(make_article))
    committed(actions.unpublish, article, via=actions.ADMIN)
    (delete,) = bot_api.of("deleteMessage")
    assert delete.fields == {"chat_id": "@sahifa_en", "message_id": 2841}
    post = post_of(article)
    assert post.state == PostState.DELETED and post.deleted_at is not None


def test_deleting_the_article_deletes_the_post(bot_api, publish, committed, make_article):
    article = publish(draft(make_article))
    committed(actions.delete, [article], via=actions.ADMIN)
    assert len(bot_api.of("deleteMessage")) == 1
    assert TelegramPost.objects.get().state == PostState.DELETED


def test_a_post_already_deleted_on_telegram_counts_as_deleted(
    bot_api, publish, committed, make_article
):
    article = publish(draft(make_article))
    bot_api.queue("delete_not_found", "deleteMessage")
    committed(actions.unpublish, article, via=actions.ADMIN)
    assert post_of(article).state == PostState.DELETED


# --- Scheduled publishing and imports ----------------------------------------------------
def test_a_scheduled_publish_posts_when_it_goes_live(bot_api, committed, make_article):
    article = draft(make_article)
    article.go_live_at = timezone.now() + timedelta(minutes=5)
    committed(actions.publish, article.save_revision(), via=actions.ADMIN)
    assert bot_api.calls == []  # scheduled, not live
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert committed(actions.publish_due) == 1
    (call,) = bot_api.calls
    assert call.method == "sendMessage" and "Metro line opens" in call.fields["text"]


def test_an_import_posts_what_it_publishes_but_not_an_archive(bot_api, committed, make_category):
    from sahifa.interchange.importer import import_ninjs
    from sahifa.interchange.tests.conftest import ninjs

    make_category("en", "world")
    fresh = timezone.now().isoformat(timespec="seconds")
    items = [
        ninjs(uri="urn:t:new", headline="Talks resume", firstcreated=fresh, versioncreated=fresh),
        ninjs(uri="urn:t:old", headline="Talks of last year"),  # first published in 2025
    ]
    report = committed(import_ninjs, [json.dumps(i) for i in items], source="feed")
    assert report.ok, report.errors
    (call,) = bot_api.calls
    assert call.fields["text"].startswith("<b>Talks resume</b>")
    assert Article.objects.get(uri="urn:t:new").post_to_telegram  # the importer's default


def test_a_long_lead_with_markup_characters_is_cut_and_escaped(
    bot_api, publish, make_article, picture
):
    lead = "Shares of AT&T <and> others rose. " * 80  # about 2,700 characters
    headline = "Q&A: <b>not bold</b>"
    article = publish(draft(make_article, image=picture, headline=headline, lead=lead))
    assert post_of(article).state == PostState.SENT  # Telegram took it as it was
    (call,) = bot_api.calls
    text, bold = TelegramHTML.read(call.fields["caption"])
    assert text.startswith(f"{headline}\n\nShares of AT&T <and> others rose. Shares")
    assert units(text) <= 1024 and text.endswith(f"rose.…\n\n{message.link_of(article)}")
    assert bold == [(0, len(headline))]


def test_a_text_message_may_be_longer(bot_api, publish, make_article):
    lead = "Trains run every six minutes. " * 200  # about 6,000 characters
    article = publish(draft(make_article, lead=lead))
    (call,) = bot_api.calls
    text = TelegramHTML.read(call.fields["text"])[0]
    assert 4000 < units(text) <= 4096
    assert post_of(article).state == PostState.SENT
