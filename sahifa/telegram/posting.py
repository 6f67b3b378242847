"""Posting, editing and withdrawing an article's Telegram message: what the jobs do.

At most once: a post's row is made (unique per article and channel) and claimed (its
state moved from "waiting" to "sending" by a conditional update) before the message is
sent, so of two workers only one sends. A send that may have gone out without an answer
(a read timeout, a worker that died after sending, an answer that could not be
recorded) leaves the row "sending" or "maybe posted" and is never sent again: an editor
checks the channel. Failures that certainly did not post (refused connections, 429,
5xx) are tried again later; each job returns what to queue next (`Next`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from sahifa.articles.models import Article
from sahifa.articles.selectors import is_published
from sahifa.telegram import config as settings_of
from sahifa.telegram import message
from sahifa.telegram.client import Failure, call
from sahifa.telegram.config import Config
from sahifa.telegram.models import PostKind, PostState, TelegramChannelState, TelegramPost

log = logging.getLogger(__name__)

# Articles first published longer ago are not posted: an archive import, an old
# article put back online.
FRESH = timedelta(hours=48)
# Edits of the headline or lead reach the post for this long after it was posted.
EDIT_WINDOW = timedelta(hours=48)
# Failures that did not post (no connection, 5xx): tried this many times in all, the
# waits doubling from FIRST_DELAY (15 s, 30 s … 32 minutes in all), at most MAX_DELAY.
MAX_TRIES = 8
FIRST_DELAY = 15.0
MAX_DELAY = 15 * 60.0
# "Too many requests" (429) is tried again after the wait Telegram names, this often.
MAX_THROTTLED_TRIES = 60
# A channel whose calls fail this many times in a row is logged as an error.
KEEPS_FAILING = 3
POST, EDIT, WITHDRAW = "post", "edit", "withdraw"
CLAIMABLE = (PostState.PENDING, PostState.FAILED)  # certainly not on the channel


@dataclass(frozen=True)
class Next:
    """A job to queue next for the same article: a retry, or a follow-up."""

    job: str  # POST, EDIT or WITHDRAW
    attempt: int = 1
    delay: float = 0.0


# --- Which articles ----------------------------------------------------------------------
def _articles() -> QuerySet[Article]:
    return Article.objects.filter(is_published()).select_related("locale", "category", "image")


def postable(article_ids: Iterable[int], languages: Iterable[str]) -> list[int]:
    """Of these articles, those a publication posts: published, not opted out, first
    published recently, in a language that has a channel."""
    return list(
        _articles()
        .filter(
            pk__in=list(article_ids),
            post_to_telegram=True,
            first_published_at__gte=timezone.now() - FRESH,
            locale__language_code__in=list(languages),
        )
        .values_list("pk", flat=True)
    )


def posted(article_ids: Iterable[int], editable: bool = False) -> set[int]:
    """Of these articles, those with a message on a channel (``editable``: recent enough
    for edits to reach it)."""
    rows = TelegramPost.objects.filter(article_id__in=list(article_ids), state=PostState.SENT)
    if editable:
        rows = rows.filter(posted_at__gte=timezone.now() - EDIT_WINDOW)
    return set(rows.values_list("article_id", flat=True))


# --- The jobs ------------------------------------------------------------------------
def post(article_id: int, attempt: int = 1) -> Next | None:
    """Send the article to its language's channel, unless it is there (or on its way)."""
    config = settings_of.current()
    if config is None:
        return None
    article = _articles().filter(pk=article_id).first()
    if article is None or article.pk not in postable([article_id], config.channels):
        # Withdrawn, opted out or too old by now: a waiting post is not sent.
        TelegramPost.objects.filter(article_id=article_id, state=PostState.PENDING).delete()
        return None
    language = article.locale.language_code
    row, _created = TelegramPost.objects.get_or_create(
        article_id=article.pk,
        chat=config.channels[language],
        defaults={"language": language, "headline": article.card_title[:300]},
    )
    claimed = TelegramPost.objects.filter(pk=row.pk, state__in=CLAIMABLE).update(
        state=PostState.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return None  # sent, being sent, or maybe sent: never twice
    try:
        sent, text, kind = _send(config, row.chat, article)
    except Failure as failure:
        return _send_failed(row, failure, attempt)
    if not _record_sent(row, sent, text, kind):
        return None
    return _follow_up(row, text, kind)


def edit(article_id: int, attempt: int = 1) -> Next | None:
    """Bring the article's recent posts in line with its headline and lead."""
    config = settings_of.current()
    article = _articles().filter(pk=article_id).first()
    if config is None or article is None:
        return None  # a withdrawn article's post is deleted by its own job
    again = None
    for row in TelegramPost.objects.filter(article_id=article_id, state=PostState.SENT):
        if row.posted_at is None or timezone.now() - row.posted_at > EDIT_WINDOW:
            continue
        text = message.text_of(article, with_photo=row.kind == PostKind.PHOTO)
        if text == row.text:
            continue
        photo = row.kind == PostKind.PHOTO
        method, field = ("editMessageCaption", "caption") if photo else ("editMessageText", "text")
        fields = {"chat_id": row.chat, "message_id": row.message_id, field: text}
        try:
            call(config, method, {**fields, "parse_mode": "HTML"})
        except Failure as failure:
            if "message is not modified" not in failure.message:
                again = _call_failed(row, failure, EDIT, attempt) or again
                continue
        now = timezone.now()
        TelegramPost.objects.filter(pk=row.pk).update(
            text=text, headline=article.card_title[:300], edited_at=now, last_error=""
        )
        _channel_worked(row)
    return again


def withdraw(article_id: int, attempt: int = 1) -> Next | None:
    """Delete the posts of an article that is no longer published."""
    config = settings_of.current()
    if config is None or _articles().filter(pk=article_id).exists():
        return None  # published again since: the post stays
    TelegramPost.objects.filter(article_id=article_id, state=PostState.PENDING).delete()
    again = None
    for row in TelegramPost.objects.filter(article_id=article_id, state=PostState.SENT):
        try:
            call(config, "deleteMessage", {"chat_id": row.chat, "message_id": row.message_id})
        except Failure as failure:
            if "message to delete not found" not in failure.message:
                again = _call_failed(row, failure, WITHDRAW, attempt) or again
                continue
        TelegramPost.objects.filter(pk=row.pk, state=PostState.SENT).update(
            state=PostState.DELETED, deleted_at=timezone.now(), last_error=""
        )
        _channel_worked(row)
    return again


# --- Sending -------------------------------------------------------------------------
def _send(config: Config, chat: str, article: Article) -> tuple[Any, str, str]:
    """Send the post: the picture with its caption, else the text. A picture Telegram
    could not fetch from its URL is uploaded instead."""
    photo = message.photo_of(article)
    if photo is None:
        text = message.text_of(article, with_photo=False)
        fields = {"chat_id": chat, "text": text, "parse_mode": "HTML"}
        return call(config, "sendMessage", fields), text, PostKind.TEXT
    text = message.text_of(article, with_photo=True)
    fields = {"chat_id": chat, "caption": text, "parse_mode": "HTML"}
    if photo.url:
        try:
            return call(config, "sendPhoto", {**fields, "photo": photo.url}), text, PostKind.PHOTO
        except Failure as failure:
            upload = message.photo_of(article, upload=True) if failure.code == 400 else None
            if upload is None or upload.upload is None:
                raise
            log.warning("Telegram could not fetch %s (%s): uploading it", photo.url, failure)
            photo = upload
    assert photo.upload is not None
    return call(config, "sendPhoto", fields, upload=("photo", photo.upload)), text, PostKind.PHOTO


def _record_sent(row: TelegramPost, sent: Any, text: str, kind: str) -> bool:
    message_id = sent.get("message_id") if isinstance(sent, dict) else None
    if not isinstance(message_id, int):
        answer = f"{sent!r:.80}"
        _send_failed(row, Failure(f"no message id in the answer: {answer}", maybe_done=True), 1)
        return False
    try:
        TelegramPost.objects.filter(pk=row.pk).update(
            state=PostState.SENT,
            message_id=message_id,
            kind=kind,
            text=text,
            posted_at=timezone.now(),
            last_error="",
        )
    except Exception:
        # The row stays "sending": it is never sent again. The id is in the log.
        log.exception("Telegram: posted message %s to %s, not recorded", message_id, row.chat)
        raise
    log.info("Telegram: article %s posted to %s (message %s)", row.article_id, row.chat, message_id)
    _channel_worked(row)
    return True


def _follow_up(row: TelegramPost, text: str, kind: str) -> Next | None:
    """The article may have been edited, or withdrawn, while it was being sent."""
    article = _articles().filter(pk=row.article_id).first()
    if article is None:
        return Next(WITHDRAW)
    changed = message.text_of(article, with_photo=kind == PostKind.PHOTO) != text
    return Next(EDIT) if changed else None


# --- Failures ------------------------------------------------------------------------
def _send_failed(row: TelegramPost, failure: Failure, attempt: int) -> Next | None:
    again = None if failure.maybe_done else _again(POST, failure, attempt)
    if failure.maybe_done:
        state = PostState.UNKNOWN  # it may be on the channel: never sent again
    else:
        state = PostState.PENDING if again else PostState.FAILED
    TelegramPost.objects.filter(pk=row.pk).update(state=state, last_error=failure.message[:2000])
    outcome = "it may be on the channel: not sent again" if failure.maybe_done else None
    _channel_failed(row, failure, POST, attempt, again, outcome)
    return again


def _call_failed(row: TelegramPost, failure: Failure, job: str, attempt: int) -> Next | None:
    again = _again(job, failure, attempt)
    TelegramPost.objects.filter(pk=row.pk).update(last_error=failure.message[:2000])
    _channel_failed(row, failure, job, attempt, again)
    return again


def _again(job: str, failure: Failure, attempt: int) -> Next | None:
    if failure.retry_after is not None:
        return (
            Next(job, attempt + 1, failure.retry_after) if attempt < MAX_THROTTLED_TRIES else None
        )
    if failure.transient and attempt < MAX_TRIES:
        return Next(job, attempt + 1, min(FIRST_DELAY * 2 ** (attempt - 1), MAX_DELAY))
    return None


def _channel_state(row: TelegramPost) -> QuerySet[TelegramChannelState]:
    TelegramChannelState.objects.get_or_create(chat=row.chat, defaults={"language": row.language})
    return TelegramChannelState.objects.filter(chat=row.chat)


def _channel_worked(row: TelegramPost) -> None:
    _channel_state(row).update(last_success_at=timezone.now(), failures=0)


def _channel_failed(
    row: TelegramPost,
    failure: Failure,
    job: str,
    attempt: int,
    again: Next | None,
    outcome: str | None = None,
) -> None:
    state = _channel_state(row)
    state.update(
        last_error=failure.message[:2000], last_error_at=timezone.now(), failures=F("failures") + 1
    )
    failures = state.values_list("failures", flat=True).first() or 0
    what = f"Telegram {job} of article {row.article_id} to {row.chat}, try {attempt}: {failure}"
    if again is not None:
        log.warning("%s; trying again in %g s", what, again.delay)
    else:
        log.error("%s; %s", what, outcome or "giving up")
    if failures >= KEEPS_FAILING:
        log.error("Telegram channel %s keeps failing: %d calls in a row", row.chat, failures)
