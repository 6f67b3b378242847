"""When Telegram says no, is slow or is down: what is tried again and when, what is
never sent twice, and what the admin and the log are told. Publishing itself never waits
for Telegram: every call is made by a job."""

from __future__ import annotations

import logging
import threading

import pytest
from django.db import connection

from conftest import free_port
from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.telegram import posting
from sahifa.telegram.models import PostState, TelegramChannelState, TelegramPost

from .conftest import TOKEN, run_due, scheduled_delays

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks, make_article):
    """Publish a new article (no picture: a text message) as the newsroom does."""

    def publish(**kw) -> Article:
        article = make_article(live=False, headline="Metro line opens", **kw)
        with django_capture_on_commit_callbacks(execute=True):
            actions.publish(article.save_revision(), via=actions.ADMIN)
        return Article.objects.get(pk=article.pk)

    return publish


def sends(bot_api) -> int:
    return len(bot_api.of("sendMessage", "sendPhoto"))


def channel(chat: str = "@sahifa_en") -> TelegramChannelState:
    return TelegramChannelState.objects.get(chat=chat)


def test_too_many_requests_is_tried_again_after_the_wait_telegram_names(bot_api, publish):
    bot_api.queue("too_many_requests", "sendMessage")
    article = publish()
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.PENDING
    assert post.last_error == "429: Too Many Requests: retry after 1"
    (delay,) = scheduled_delays()
    assert 0 < delay <= 1  # "retry after 1"
    assert run_due(within=0) == 0  # not before its time
    assert run_due(within=1) == 1
    assert sends(bot_api) == 2
    post.refresh_from_db()
    assert post.state == PostState.SENT and post.attempts == 2 and post.last_error == ""
    assert channel().failures == 0 and channel().last_success_at is not None


def test_server_errors_are_tried_again_with_growing_waits_then_it_posts(bot_api, publish):
    bot_api.queue("internal_server_error", "sendMessage", times=2)
    article = publish()
    waits = []
    while delays := scheduled_delays():
        waits.append(round(delays[0]))
        run_due(within=delays[0])
    assert waits == [15, 30]
    assert sends(bot_api) == 3
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.SENT and post.message_id is not None


def test_a_channel_that_keeps_failing_is_reported_and_publishing_is_not_held_up(
    bot_api, publish, caplog
):
    bot_api.always("internal_server_error", "sendMessage")
    with caplog.at_level(logging.WARNING, logger="sahifa.telegram"):
        article = publish()
        while delays := scheduled_delays():
            run_due(within=delays[0])
    assert article.live  # the publish itself went through at once
    assert sends(bot_api) == posting.MAX_TRIES
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.FAILED and post.last_error == "500: Internal Server Error"
    state = channel()
    assert state.failures == posting.MAX_TRIES and state.last_error_at is not None
    assert state.last_error == "500: Internal Server Error" and state.last_success_at is None
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "Telegram channel @sahifa_en keeps failing: 8 calls in a row" in errors
    assert any(e.endswith("try 8: 500: Internal Server Error; giving up") for e in errors)
    assert TOKEN not in caplog.text


def test_a_refusal_is_not_tried_again(bot_api, publish):
    bot_api.queue("forbidden", "sendMessage")
    article = publish()
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.FAILED
    assert post.last_error == "403: Forbidden: bot is not a member of the channel chat"
    assert scheduled_delays() == [] and channel().failures == 1


def test_a_failed_post_is_tried_again_when_the_article_is_published_again(
    bot_api, publish, django_capture_on_commit_callbacks
):
    bot_api.queue("chat_not_found", "sendMessage")
    article = publish()
    assert TelegramPost.objects.get().state == PostState.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(article, via=actions.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(Article.objects.get(pk=article.pk).save_revision(), via=actions.ADMIN)
    assert TelegramPost.objects.get().state == PostState.SENT
    assert sends(bot_api) == 2 and bot_api.of("deleteMessage") == []


def test_a_down_service_is_tried_again(bot_api, publish, settings):
    settings.SAHIFA_TELEGRAM_API_URL = f"http://127.0.0.1:{free_port()}"
    article = publish()
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.PENDING and post.last_error.startswith(
        "could not connect to 127.0.0.1"
    )
    assert TOKEN not in post.last_error and TOKEN not in channel().last_error
    settings.SAHIFA_TELEGRAM_API_URL = bot_api.url  # back up
    run_due(within=15)
    post.refresh_from_db()
    assert post.state == PostState.SENT


def test_a_send_without_an_answer_in_time_is_never_sent_again(bot_api, publish, settings):
    settings.SAHIFA_TELEGRAM_TIMEOUT = 0.3
    bot_api.queue_slow("sendMessage", delay=1.0)
    article = publish()
    post = TelegramPost.objects.get(article_id=article.pk)
    # Telegram may have posted it: sending it again could post it twice.
    assert post.state == PostState.UNKNOWN and post.last_error == "no whole answer within 0.3 s"
    assert scheduled_delays() == []
    posting.post(article.pk)  # another publish event, a retry: nothing is sent
    assert sends(bot_api) == 1


def test_an_edit_without_an_answer_in_time_is_tried_again(bot_api, publish, settings):
    article = publish()
    settings.SAHIFA_TELEGRAM_TIMEOUT = 0.3
    bot_api.queue_slow("editMessageText", delay=1.0)
    assert posting.edit(article.pk) is None  # nothing changed: no call
    Article.objects.filter(pk=article.pk).update(headline="Airport metro line reopens")
    again = posting.edit(article.pk)
    assert again == posting.Next(posting.EDIT, attempt=2, delay=posting.FIRST_DELAY)
    assert posting.edit(article.pk, attempt=2) is None
    post = TelegramPost.objects.get(article_id=article.pk)
    assert "Airport metro line reopens" in post.text and post.last_error == ""


def test_a_post_another_worker_is_sending_is_not_sent(bot_api, make_article):
    article = make_article()  # published an hour ago
    TelegramPost.objects.create(
        article=article, chat="@sahifa_en", language="en", state=PostState.SENDING
    )
    # The other worker sent it and stopped before recording it, or is sending it now.
    assert posting.post(article.pk) is None
    assert bot_api.calls == []


# The test database of SQLite is in memory, where two connections writing at once fail
# at once ("table is locked") instead of waiting as the site's database file does.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_post_once(bot_api, make_article, settings):
    settings.SAHIFA_TELEGRAM_TOKEN = ""  # made without a post (it commits at once here)
    article = make_article()
    settings.SAHIFA_TELEGRAM_TOKEN = TOKEN
    bot_api.queue_slow("sendMessage", delay=0.2)  # both are inside the job together
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def worker() -> None:
        start.wait()
        try:
            posting.post(article.pk)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sends(bot_api) == 1
    assert TelegramPost.objects.get().state == PostState.SENT


def in_another_connection(write):
    """A write committed by another process while the job waits for Telegram."""

    def run() -> None:
        try:
            write()
        finally:
            connection.close()

    return run


@pytest.mark.django_db(transaction=True)
def test_an_edit_made_while_it_was_being_sent_follows_it(bot_api, make_article):
    article = make_article(live=False, headline="Metro line opens")
    bot_api.during(
        "sendMessage",
        in_another_connection(
            lambda: Article.objects.filter(pk=article.pk).update(headline="Metro line reopens")
        ),
    )
    actions.publish(article.save_revision(), via=actions.ADMIN)  # commits at once here
    (sent,) = bot_api.of("sendMessage")
    (edit,) = bot_api.of("editMessageText")
    assert "Metro line opens" in sent.fields["text"]
    assert "Metro line reopens" in edit.fields["text"]


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_made_while_it_was_being_sent_deletes_it(bot_api, make_article):
    article = make_article(live=False, headline="Metro line opens")
    bot_api.during(
        "sendMessage",
        in_another_connection(lambda: Article.objects.filter(pk=article.pk).update(live=False)),
    )
    actions.publish(article.save_revision(), via=actions.ADMIN)
    assert len(bot_api.of("sendMessage")) == 1 and len(bot_api.of("deleteMessage")) == 1
    assert TelegramPost.objects.get().state == PostState.DELETED


def test_a_bot_api_on_a_private_address_is_refused_unless_allowed(bot_api, publish, settings):
    settings.SAHIFA_OUTBOUND_ALLOWED_HOSTS = []
    article = publish()
    post = TelegramPost.objects.get(article_id=article.pk)
    assert post.state == PostState.FAILED and "is a private address" in post.last_error
    assert bot_api.calls == []
