"""Background jobs of social cards."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from sahifa.articles.models import Article
from sahifa.images import renditions
from sahifa.images.models import NewsImage
from sahifa.social.pictures import ARTICLE_SIZES


@db_task()
def make_picture_sizes(article_ids: list[int]) -> None:
    """Make the sizes the social card and structured data show of these articles'
    pictures (those made before are read, not made again)."""
    with_pictures = Article.objects.filter(pk__in=article_ids, image__isnull=False)
    for image in NewsImage.objects.filter(pk__in=with_pictures.values("image_id")):
        renditions.sized(image, *ARTICLE_SIZES)  # a missing file: Wagtail's stand-in
