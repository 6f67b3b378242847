"""Adding articles written in bulk (not through `save`) to the search and reference
indexes, as Wagtail's own save hooks do: a job `actions.import_articles` queues."""

from django.db import transaction
from huey.contrib.djhuey import db_task
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex

from sahifa.articles.models import Article


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
