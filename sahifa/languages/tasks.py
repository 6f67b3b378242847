"""Background jobs of the languages app."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

log = logging.getLogger(__name__)


@db_task()
def sync_cyrillic_of(article_ids: list[int]) -> None:
    """Write the Cyrillic versions of imported Uzbek Latin articles; one failure is
    logged and the others go on."""
    from django.db import transaction

    from sahifa.articles.models import Article
    from sahifa.languages import sync

    latin = Article.objects.filter(pk__in=article_ids, locale__language_code=sync.LATIN)
    for article in latin.select_related("locale", "category__locale"):
        try:
            with transaction.atomic():
                sync.sync(article)
        except Exception:
            log.exception("Cyrillic version of imported article %s not written", article.pk)
