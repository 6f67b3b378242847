"""What a view beacon does and answers, apart from how it arrived: the Django view
(sahifa/popularity/views.py) and the server's short way (sahifa/popularity/wsgi.py)
both ask `answer` and write out what it says."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sahifa.core import metrics
from sahifa.popularity import lookup, readers
from sahifa.popularity.buffers import Outcome, get_buffer
from sahifa.popularity.buffers.base import RATE_WINDOW_SECONDS
from sahifa.popularity.flush import ensure_flusher

_NOT_PUBLISHED = _("No published article has the number %(id)s.")
_TOO_MANY = _("Too many views from this address.")


@dataclass(frozen=True)
class Answer:
    status: int
    # The JSON body; None for an empty 204.
    body: dict[str, Any] | None = None
    # Set on refusals: a text for the reader, translated when the answer is written.
    error: Promise | None = None
    error_args: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> dict[str, Any] | None:
        """The JSON body, with the error text in the active language."""
        if self.error is not None:
            return {"error": str(self.error) % self.error_args}
        return self.body


def answer(meta: Mapping[str, Any], article_id: int) -> Answer:
    """Count one beacon (``meta``: the WSGI environ / request.META) unless it comes
    from a bot or a prefetch, is over its client's rate, or repeats a reader."""
    user_agent = meta.get("HTTP_USER_AGENT", "")
    if readers.is_speculative(meta) or readers.is_bot(user_agent):
        metrics.count_beacon("bot")
        return Answer(204)
    total = lookup.published_total(article_id)
    client = readers.client_address(meta)
    if total is None:
        # Beacons for unknown articles count against the client's rate as well.
        if not get_buffer().charge(client):
            metrics.count_beacon("limited")
            return _too_many()
        metrics.count_beacon("unknown")
        return Answer(404, error=_NOT_PUBLISHED, error_args={"id": article_id})
    hit = get_buffer().record(article_id, client, user_agent)
    ensure_flusher()
    metrics.count_beacon(hit.outcome.value)
    if hit.outcome is Outcome.LIMITED:
        return _too_many()
    counted = hit.outcome is Outcome.COUNTED
    return Answer(200, body={"views": total + hit.pending, "counted": counted})


def _too_many() -> Answer:
    return Answer(429, error=_TOO_MANY, headers={"Retry-After": str(RATE_WINDOW_SECONDS)})
