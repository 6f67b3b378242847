"""Search as the site and the newsroom use it: the engine finds candidates, the database
decides what may be shown (published, not expired, not future, right language, the
reader's filters), then relevance with a small freshness bonus orders them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.search.backends import Backend, get_backend
from sahifa.search.query import Plan, make_plan

CANDIDATES = 1000  # most matches read from an engine; results past these are noise
FALLBACK = 20  # fewer matches of every word than this: matches of some words follow
FRESHNESS = 0.1  # at most this share of a score added for a brand-new article
FRESH_DAYS = 30.0
PERIODS = {"today": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
RELEVANCE, NEWEST = "relevance", "newest"


@dataclass
class Results:
    plan: Plan
    ids: list[int] = field(default_factory=list)  # every result, in order

    @property
    def count(self) -> int:
        return len(self.ids)


def candidates(plan: Plan, backend: Backend) -> list[tuple[int, float, int]]:
    """(article id, score, tier): tier 0 matched every word, 1 only some."""
    if plan.empty:
        return []
    found = backend.candidates(plan, any_group=False, limit=CANDIDATES)
    hits = [(pk, score, 0) for pk, score in found]
    if len(found) < FALLBACK and plan.size > 1:
        seen = {pk for pk, _ in found}
        more = backend.candidates(plan, any_group=True, limit=CANDIDATES)
        hits += [(pk, score, 1) for pk, score in more if pk not in seen]
    return hits


def search(
    language: str,
    text: str,
    *,
    category_id: int | None = None,
    period: str = "",
    order: str = RELEVANCE,
    backend: Backend | None = None,
) -> Results:
    backend = backend or get_backend()
    plan = make_plan(language, text, backend)
    hits = candidates(plan, backend)
    if not hits:
        return Results(plan)
    articles = selectors.published_in(language).filter(pk__in=[pk for pk, _, _ in hits])
    if category_id is not None:
        articles = articles.filter(category_id=category_id)
    if period in PERIODS:
        articles = articles.filter(first_published_at__gte=timezone.now() - PERIODS[period])
    dates = dict(articles.order_by().values_list("pk", "first_published_at"))
    kept = [hit for hit in hits if hit[0] in dates]
    if order == NEWEST:
        kept.sort(key=lambda hit: (dates[hit[0]], hit[0]), reverse=True)
    else:
        now = timezone.now()
        kept.sort(key=lambda hit: (hit[2], -_ranked(hit[1], dates[hit[0]], now), -hit[0]))
    return Results(plan, [pk for pk, _, _ in kept])


def _ranked(score: float, published: datetime | None, now: datetime) -> float:
    if published is None:
        return score
    days = max((now - published).total_seconds() / 86400, 0.0)
    return score * (1 + FRESHNESS * math.exp(-days / FRESH_DAYS))


def newsroom_ids(text: str, backend: Backend | None = None) -> list[int]:
    """Articles in any language and state the newsroom's search finds: the engine's
    matches in each language, and ninjs URIs containing the query."""
    backend = backend or get_backend()
    found: dict[int, None] = {}
    for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        plan = make_plan(language, text, backend)
        for pk, _score, _tier in candidates(plan, backend):
            found.setdefault(pk)
    query = text.strip()
    if query and " " not in query:
        uris = Article.objects.filter(Q(uri__icontains=query)).values_list("pk", flat=True)
        for pk in uris[:CANDIDATES]:
            found.setdefault(pk)
    return list(found)
