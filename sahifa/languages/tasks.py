"""Background jobs of the languages app."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

log = logging.getLogger(__name__)


@db_task()
def sync_cyrillic_of(kind: str, ids: list[int], draft: bool = False) -> None:
    """Write the Cyrillic editions of Uzbek Latin articles or categories (of their
    latest draft with ``draft``), as one change event; one failure is logged and the
    others go on."""
    from django.db import transaction

    from sahifa.articles import actions, events
    from sahifa.articles.models import Article, Category
    from sahifa.languages import sync

    model = Article if kind == events.ARTICLE else Category
    latin = model.objects.filter(pk__in=ids, locale__language_code=sync.LATIN)
    related = ("locale", "category__locale") if model is Article else ("locale",)
    with events.batch(actions.CYRILLIC):
        for item in latin.select_related(*related):
            try:
                with transaction.atomic():
                    sync.sync(sync.latest_content(item) if draft else item, draft=draft)
            except Exception:
                log.exception("Cyrillic version of %s %s not written", model.__name__, item.pk)
