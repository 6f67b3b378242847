"""Source feeds and the items taken from them.

A `Source` is a feed the site polls (RSS, Atom, JSON Feed or ninjs JSON Lines) with its
attribution, language, category and health. A `SourceItem` is one item seen in a feed:
the database keeps one row per source and item key (its guid, else its link), so an item
is never taken twice, even when two polls overlap.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from sahifa.articles.models import Article, Category

DEFAULT_INTERVAL = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=1)
DETECT = "detect"


class Kind(models.TextChoices):
    FEED = "feed", _("RSS or Atom")
    JSON_FEED = "json", _("JSON Feed")
    NINJS = "ninjs", _("ninjs JSON Lines")


class Language(models.TextChoices):
    UZ = "uz", _("Uzbek (Latin)")
    UZ_CYRL = "uz-cyrl", _("Uzbek (Cyrillic)")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    DETECT = DETECT, _("Detect from the text")


class Source(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True, help_text=_(
        "Shown on taken articles: “This was reported by …”."))  # fmt: skip
    link = models.URLField(_("link"), max_length=500, blank=True, help_text=_(
        "The source's home page, for the attribution when an item has no link."))  # fmt: skip
    url = models.URLField(_("feed URL"), max_length=1000)
    kind = models.CharField(_("format"), max_length=10, choices=Kind.choices, default=Kind.FEED)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.UZ
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    interval = models.DurationField(
        _("poll every"), default=DEFAULT_INTERVAL, help_text=_("For example 00:10:00.")
    )
    publish = models.BooleanField(
        _("publish at once"),
        default=False,
        help_text=_("Trusted partners: items go live at once instead of waiting in Incoming."),
    )
    full_text = models.BooleanField(
        _("fetch the full text"),
        default=False,
        help_text=_("For feeds that carry only a summary: read the text from each item's page."),
    )
    enabled = models.BooleanField(_("on"), default=True)

    # Health.
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_notes = models.TextField(_("notes of the last poll"), blank=True, editable=False)
    items_seen = models.PositiveIntegerField(_("items seen"), default=0, editable=False)
    items_taken = models.PositiveIntegerField(_("items taken"), default=0, editable=False)

    # Conditional requests, backoff and the poll's claim.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    claim = models.CharField(max_length=32, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("link")]),
        FieldRowPanel([FieldPanel("url"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("language"), FieldPanel("category")]),
        MultiFieldPanel(
            [
                FieldPanel("interval"),
                FieldPanel("publish"),
                FieldPanel("full_text"),
                FieldPanel("enabled"),
            ],
            heading=_("Polling"),
        ),
    ]

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def health(self) -> str:
        if not self.enabled:
            return str(_("off"))
        if self.last_polled_at is None:
            return str(_("not polled yet"))
        return self.last_error or str(_("ok"))


class ItemState(models.TextChoices):
    CLAIMED = "claimed", _("being taken")
    QUEUED = "queued", _("waiting in Incoming")
    PUBLISHED = "published", _("published")
    TAKEN = "taken", _("taken by an editor")
    DISMISSED = "dismissed", _("dismissed")
    DUPLICATE = "duplicate", _("duplicate")
    FAILED = "failed", _("failed")


class SourceItem(models.Model):
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    # The item's guid, else its link, else a hash of its text: its identity in the feed.
    key = models.CharField(max_length=64)
    guid = models.CharField(_("guid"), max_length=1000, blank=True)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    headline = models.CharField(_("headline"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    published_at = models.DateTimeField(_("published at the source"))
    seen_at = models.DateTimeField(_("seen"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ItemState.choices, default=ItemState.CLAIMED
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The ninjs object the item was read into (what the article is written from).
    payload = models.JSONField(default=dict)
    # MinHash of its text (near-duplicates across sources), 64 × 4 bytes.
    signature = models.BinaryField(blank=True, default=b"")
    problem = models.TextField(_("problem"), blank=True)
    claim = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("source item")
        verbose_name_plural = _("source items")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="source_item_once"),
        ]
        indexes = [models.Index(fields=["state", "-published_at"], name="source_item_queue")]

    def __str__(self) -> str:
        return self.headline
