"""Background jobs: lists are computed off the request path.

`services` (NumPy, SciPy, scikit-learn: about 2 s of CPU to load) is imported by the
jobs themselves, so a process that only enqueues them (an import, a web worker saving
an article) never loads it."""

from huey.contrib.djhuey import db_task


@db_task()
def refresh_similar(article_id: int) -> None:
    """Re-index one article and refresh its list and the lists it affects."""
    from sahifa.related import services

    services.refresh(article_id)


@db_task()
def recompute_lists(article_ids: list[int]) -> None:
    """Recompute the lists of some articles (one they listed went away)."""
    from sahifa.related import services

    services.recompute_ids(article_ids)


@db_task()
def rebuild_languages(locale_ids: list[int]) -> None:
    """Recompute whole languages after a large import: cheaper than one refresh each."""
    from wagtail.models import Locale

    from sahifa.related.rebuild import rebuild_language

    for locale in Locale.objects.filter(pk__in=locale_ids).order_by("pk"):
        rebuild_language(locale, lambda n: None)
