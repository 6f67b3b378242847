"""Articles and categories: snippets with drafts, revisions, locking, scheduling,
workflows, preview and translations. Not Wagtail pages: a news site keeps hundreds of
thousands of them, which the page tree is not made for."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from sahifa.articles import preview
from sahifa.articles.panels import LinkCardPanel
from sahifa.articles.richtext import BODY_FEATURES
from sahifa.articles.slugs import assign_slugs, remember_former_slug
from sahifa.core.urls import site_path

# Slugs that name site routes and so cannot name a category (`feed`: a language's feeds).
RESERVED_CATEGORY_SLUGS = frozenset(
    {"latest", "search", "page", "feed", "feeds", "api", "most-read"}
)


# The plugin cannot build the `articles` manager: Article's bases (Wagtail's) are untyped.
class Category(TranslatableMixin, models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order on the home page"), default=100)
    # The code a ninjs subject carries for this category, for imports.
    code = models.CharField(_("subject code"), max_length=100, blank=True, db_index=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="category_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.slug in RESERVED_CATEGORY_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved for a site page.")})

    def get_url(self, page: int = 1) -> str:
        parts = [self.slug] if page == 1 else [self.slug, "page", str(page)]
        return site_path(self.locale.language_code, *parts)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )


# The columns `selectors.published()` filters on, carried by the list indexes.
PUBLISHED_FIELDS = ("live", "expired", "expire_at")


def new_article_uri() -> str:
    return f"urn:sahifa:article:{uuid.uuid4()}"


class Article(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    headline = models.CharField(_("headline"), max_length=300)
    social_headline = models.CharField(
        _("social headline"),
        max_length=300,
        blank=True,
        help_text=_("Title for social cards and messengers; the headline when empty."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Made from the headline when empty; it does not follow later headline edits."),
    )
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("body"), features=BODY_FEATURES, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    image = models.ForeignKey(
        "images.NewsImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_caption = models.CharField(_("image caption"), max_length=500, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=255, blank=True)
    source_name = models.CharField(_("source name"), max_length=255, blank=True)
    source_url = models.URLField(_("source link"), max_length=1000, blank=True)
    uri = models.CharField(
        _("ninjs URI"), max_length=500, unique=True, default=new_article_uri, editable=False
    )
    updated_at = models.DateTimeField(_("last modified"), default=timezone.now)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    is_top_story = models.BooleanField(
        _("top story"), default=False, help_text=_("Pin to the Today ticker of its language.")
    )
    post_to_telegram = models.BooleanField(
        _("post to Telegram"),
        default=True,
        help_text=_("Post it to its language's Telegram channel when it is first published."),
    )

    # A translation (wagtail-localize, copy for translation) is a new article: its own
    # ninjs URI and view count.
    exclude_fields_in_copy = ["uri", "view_count"]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="article")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="article",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("headline", boost=3),
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("headline"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("category"),
    ]

    content_panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("is_top_story")]),
        FieldPanel("headline"),
        FieldPanel("social_headline"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldRowPanel([FieldPanel("image_caption"), FieldPanel("image_credit")]),
            ],
            heading=_("Main image"),
        ),
        LinkCardPanel(),
    ]
    # Everything a save requires is on the first tab (the category, preset by the create
    # view), so autosave never stops on a field the editor has not reached.
    meta_panels = [
        FieldPanel("tags"),
        FieldPanel("byline"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Attribution")
        ),
        # sahifa.related: articles editors pin to the top of this one's similar news.
        InlinePanel("related_pins", heading=_("Pinned similar news"), max_num=6),
        FieldPanel("post_to_telegram"),
        PublishingPanel(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(meta_panels, heading=_("Details and publishing")),
        ]
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-first_published_at"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="article_slug_per_locale")
        ]
        indexes = [
            # Lists walk these in their exact order (newest first, id breaking ties), so a
            # page reads its 20 rows instead of sorting a whole language or category. The
            # trailing columns are what "published" tests: counting a list and skipping to
            # a deep page read the index only, never the (large) article rows.
            models.Index(
                fields=["locale", "-first_published_at", "-id", *PUBLISHED_FIELDS],
                name="article_latest_list",
            ),
            models.Index(
                fields=["category", "-first_published_at", "-id", *PUBLISHED_FIELDS],
                name="article_category_list",
            ),
            # The ticker's newest pinned story, without scanning every article.
            models.Index(
                fields=["locale", "-first_published_at", "-id"],
                condition=models.Q(is_top_story=True),
                name="article_top_story",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def published_at(self):
        return self.first_published_at or self.updated_at

    @property
    def card_title(self) -> str:
        return self.social_headline or self.headline

    @property
    def caption(self) -> str:
        if self.image_caption:
            return self.image_caption
        return self.image.caption if self.image else ""

    @property
    def credit(self) -> str:
        if self.image_credit:
            return self.image_credit
        return self.image.credit if self.image else ""

    def get_url(self, request: Any = None) -> str:
        return site_path(self.locale.language_code, self.category.slug, self.slug)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every save keeps the slug rule (`slugs`), also Wagtail's own (a translation
        # copy, a revision published by a workflow).
        if not self.slug:
            assign_slugs([self])
        elif self.pk:
            old = Article.objects.filter(pk=self.pk).values_list("slug", "first_published_at")
            if found := old.first():
                remember_former_slug(self, found[0], was_published=found[1] is not None)
        super().save(*args, **kwargs)

    # --- Preview: the public site renders it (`preview.register`) -------------------
    def get_preview_template(self, request: Any, mode_name: str) -> str:
        return preview.template()

    def get_preview_context(self, request: Any, mode_name: str) -> dict[str, Any]:
        return preview.context(request, self)

    def serve_preview(self, request: Any, mode_name: str) -> Any:
        # The whole page in the article's language, the site's own words too, whatever
        # language the newsroom (or the preview request's path) is in.
        with translation.override(self.locale.language_code):
            response = super().serve_preview(request, mode_name)
            response.render()
        return response


class FormerSlug(models.Model):
    """A slug an article was published under before an editor changed it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="former_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.slug


class CreationKey(models.Model):
    """The key of the newsroom form that created an article. One form creates one
    article however its saves, autosaves and publishes interleave: a second create
    sent from it finds the key taken and becomes an edit of that article."""

    key = models.UUIDField(primary_key=True)
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.key)
