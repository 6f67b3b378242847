"""What the similar-news engine keeps in the database: each article's term counts (the
index, kept incrementally), the topic basis fitted per language, the computed lists the
article page reads in one query, and the editors' pinned picks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticleTerms(models.Model):
    """An article's analysed text: term -> count. Active while the article is published."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    language = models.CharField(max_length=12, db_index=True)
    terms = models.JSONField(default=dict)
    active = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        # The worker's "anything new?" look reads this index only, not the (large) rows.
        indexes = [models.Index(fields=["language", "active", "changed_at"], name="terms_changes")]

    def __str__(self) -> str:
        return f"{self.language}:{self.article_id}"


class TopicBasis(models.Model):
    """Latent topics (truncated SVD of the TF-IDF matrix) fitted on one language."""

    language = models.CharField(max_length=12, primary_key=True)
    doc_count = models.PositiveIntegerField()
    fitted_at = models.DateTimeField(auto_now=True)
    data = models.BinaryField()  # numpy .npz: terms, components

    def __str__(self) -> str:
        return f"{self.language} ({self.doc_count} articles)"


class SimilarItem(models.Model):
    """One entry of an article's stored similar list, in rank order, pins first."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="similar_items"
    )
    # Kept when the listed article is deleted (no constraint), so the change event's job
    # still finds the lists that showed it and computes them again.
    similar = models.ForeignKey(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="listed_in",
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "similar"], name="similar_once"),
        ]
        indexes = [models.Index(fields=["article", "rank"], name="similar_list")]

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.similar_id}"


class RelatedPin(Orderable):
    """An article an editor pinned to the top of another article's similar news."""

    article = ParentalKey("articles.Article", on_delete=models.CASCADE, related_name="related_pins")
    target = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned similar article")
        verbose_name_plural = _("pinned similar articles")

    def __str__(self) -> str:
        return f"{self.article_id} pins {self.target_id}"
