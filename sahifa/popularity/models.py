"""What view counting keeps in the database: views per article per day (for "most
read") and which buffered batches have been applied (so a flush applies each batch
exactly once, even when it is retried after a crash). The all-time total lives on
``Article.view_count``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyViews(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    # The day in the site's time zone (Asia/Tashkent), not UTC.
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views of a day")
        verbose_name_plural = _("views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_views_per_article_day")
        ]
        indexes = [models.Index(fields=["day", "-views"], name="daily_views_ranking")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.views}"


class AppliedBatch(models.Model):
    """A flushed batch, kept for two days so a retried flush can tell it is done."""

    batch_id = models.CharField(max_length=64, primary_key=True)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.batch_id
