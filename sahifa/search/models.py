"""The search index's rows, the same on every database: one document per article with
its analysed text (terms separated by spaces, in order, so phrases can be matched) and
what results are filtered and ordered by (a copy, refreshed by the change events: the
articles a reader is shown are checked against the articles themselves), and the
vocabulary of words readers could type, for typo correction and suggestions.

Each database searches them its own way (`backends`): SQLite keeps an FTS5 table in step
with the documents by triggers; PostgreSQL a generated tsvector column and trigram index
(both made by the migration)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("article"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # What results are filtered and ordered by; the text is in SearchText.
    language = models.CharField(_("language"), max_length=20)
    public = models.BooleanField(_("published"), default=False)
    category_id = models.IntegerField(_("category"), null=True)
    published_at = models.DateTimeField(_("first published"), null=True)
    words = models.TextField(_("headline words"), blank=True)
    # When the row was last written: a search cluster's rebuild sends again what the
    # jobs indexed while it ran.
    indexed_at = models.DateTimeField(_("indexed"), default=timezone.now)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        # Newest first: the language's documents are walked in date order until enough
        # match, instead of every match being sorted.
        indexes = [models.Index(fields=["language", "published_at"], name="search_doc_newest")]

    def __str__(self) -> str:
        return f"{self.language}:{self.pk}"


class SearchText(models.Model):
    """A document's analysed text, apart from it: matches are looked up in the narrow
    documents table, thousands a query, without reading through the text."""

    document = models.OneToOneField(
        SearchDocument,
        verbose_name=_("search document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="text",
    )
    headline = models.TextField(_("headline terms"))
    body = models.TextField(_("lead and body terms"))
    extra = models.TextField(_("byline terms"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return str(self.pk)


class SearchWord(models.Model):
    """A word as readers could type it, normalised (lower case, Uzbek folded to Latin
    keys), with its term and how many articles used it."""

    language = models.CharField(_("language"), max_length=20)
    word = models.CharField(_("word"), max_length=64)
    stem = models.CharField(_("term"), max_length=64)
    display = models.CharField(_("as written"), max_length=64)
    documents = models.PositiveIntegerField(_("articles"), default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="search_word_per_language")
        ]
        indexes = [models.Index(fields=["language", "stem"], name="search_word_stem")]

    def __str__(self) -> str:
        return self.word
