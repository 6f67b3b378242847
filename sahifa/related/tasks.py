"""Background jobs: lists are computed off the request path."""

from huey.contrib.djhuey import db_task

from sahifa.related import services


@db_task()
def refresh_similar(article_id: int) -> None:
    """Re-index one article and refresh its list and the lists it affects."""
    services.refresh(article_id)


@db_task()
def recompute_lists(article_ids: list[int]) -> None:
    """Recompute the lists of some articles (one they listed went away)."""
    services.recompute_ids(article_ids)
