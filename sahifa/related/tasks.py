"""Background jobs: lists are computed off the request path.

`services` (NumPy, SciPy, scikit-learn: about 2 s of CPU to load) is imported by the
jobs themselves, so a process that only enqueues them (an import, a web worker saving
an article or asking for a missing list) never loads it."""

from huey.contrib.djhuey import db_task


@db_task()
def refresh_similar_of(article_ids: list[int], deleted: list[int] | None = None) -> None:
    """Re-index changed articles and refresh their lists and the lists they affect; the
    lists that showed a deleted article are computed again."""
    from sahifa.related import services

    for article_id in article_ids:
        services.refresh(article_id)
    if deleted:
        services.forget(deleted)


@db_task()
def rebuild_languages(language_codes: list[str]) -> None:
    """Recompute whole languages after a large import: cheaper than one refresh each."""
    from wagtail.models import Locale

    from sahifa.related.rebuild import rebuild_language

    for locale in Locale.objects.filter(language_code__in=language_codes).order_by("pk"):
        rebuild_language(locale, lambda n: None)
