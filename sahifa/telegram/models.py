"""What was posted to Telegram, and how each channel is doing.

A `TelegramPost` row is made, and claimed, before its message is sent: the unique
constraint (one post per article and channel) and the claim (a conditional update of
its state) are what keep two workers from both sending it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A post still "sending" after this long: its worker stopped while sending it or before
# it recorded the answer. It may be on the channel, and is never sent again.
STALLED = timedelta(minutes=5)


class PostState(models.TextChoices):
    PENDING = "pending", _("Waiting")  # not sent yet, or a failed try to be repeated
    SENDING = "sending", _("Sending")  # a worker is sending it (or stopped while it did)
    SENT = "sent", _("Posted")
    UNKNOWN = "unknown", _("Maybe posted")  # sent, but no answer: never sent again
    FAILED = "failed", _("Failed")  # Telegram refused it, or every try failed
    DELETED = "deleted", _("Deleted")  # withdrawn from the channel


class PostKind(models.TextChoices):
    PHOTO = "photo", _("Picture with caption")
    TEXT = "text", _("Text")


class TelegramPost(models.Model):
    # Kept when the article is deleted (no constraint), so its deletion can still find
    # and delete the message.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    chat = models.CharField(_("channel"), max_length=100)
    language = models.CharField(_("language"), max_length=12, choices=settings.LANGUAGES)
    headline = models.CharField(_("headline"), max_length=300)
    state = models.CharField(
        _("state"), max_length=10, choices=PostState.choices, default=PostState.PENDING
    )
    kind = models.CharField(_("kind"), max_length=5, choices=PostKind.choices, blank=True)
    message_id = models.BigIntegerField(_("message id"), null=True, blank=True)
    # The text as Telegram shows it (HTML): an edit is sent only when it changes.
    text = models.TextField(_("text"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("last try at"), null=True, blank=True)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("Telegram post")
        verbose_name_plural = _("Telegram posts")
        constraints = [
            models.UniqueConstraint(fields=["article", "chat"], name="telegram_post_per_channel")
        ]
        indexes = [models.Index(fields=["-created_at"], name="telegram_post_newest")]

    def __str__(self) -> str:
        return f"{self.chat}: {self.headline}"

    @property
    def stalled(self) -> bool:
        started = self.claimed_at or self.created_at
        return self.state == PostState.SENDING and started < timezone.now() - STALLED

    def shown_state(self) -> str:
        """The state as the newsroom reads it: a stalled send may have posted."""
        return str(PostState.UNKNOWN.label if self.stalled else self.get_state_display())


class TelegramChannelState(models.Model):
    """How the last calls to one channel went: what the admin shows an operator."""

    chat = models.CharField(_("channel"), max_length=100, unique=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    failures = models.PositiveIntegerField(
        _("failures in a row"), default=0, help_text=_("Reset by the next call that works.")
    )

    class Meta:
        verbose_name = _("Telegram channel")
        verbose_name_plural = _("Telegram channels")
        ordering = ["chat"]

    def __str__(self) -> str:
        return self.chat
