"""The Telegram jobs: one per article and step (post, edit, withdraw). A job that has
to try again later, or that finds more to do, queues the next one itself (`posting.Next`)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from sahifa.telegram import posting


@db_task()
def post_to_telegram(article_id: int, attempt: int = 1) -> None:
    _queue_next(article_id, posting.post(article_id, attempt))


@db_task()
def edit_telegram_post(article_id: int, attempt: int = 1) -> None:
    _queue_next(article_id, posting.edit(article_id, attempt))


@db_task()
def delete_telegram_post(article_id: int, attempt: int = 1) -> None:
    _queue_next(article_id, posting.withdraw(article_id, attempt))


JOBS = {
    posting.POST: post_to_telegram,
    posting.EDIT: edit_telegram_post,
    posting.WITHDRAW: delete_telegram_post,
}


def _queue_next(article_id: int, then: posting.Next | None) -> None:
    if then is None:
        return
    job = JOBS[then.job]
    if then.delay > 0:
        job.schedule((article_id, then.attempt), delay=then.delay)
    else:
        job(article_id, then.attempt)
