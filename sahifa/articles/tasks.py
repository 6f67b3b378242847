"""Jobs of the articles app: scheduled publishing, and indexing what was written in bulk."""

from django.core.management import call_command
from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex

from sahifa.articles import actions
from sahifa.articles.models import Article


@db_periodic_task(crontab(minute="*"))
def publish_scheduled() -> None:
    """Unpublish expired articles and publish those whose go-live minute has come, through
    the write path; then Wagtail's own command for the rest (pages)."""
    actions.expire_due()
    actions.publish_due()
    call_command("publish_scheduled")


@db_task()
def index_imported(article_ids: list[int]) -> None:
    """Add articles created in bulk to the search index and to the reference index
    (what they use: category, tags, picture), as a save would have."""
    index_articles(article_ids)


def index_articles(article_ids: list[int]) -> None:
    articles = list(Article.objects.filter(pk__in=article_ids).select_related("category", "locale"))
    if not articles:
        return
    with transaction.atomic():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Article, articles)
        for article in articles:
            ReferenceIndex.create_or_update_for_object(article)
