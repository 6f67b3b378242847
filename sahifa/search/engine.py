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
from sahifa.core.text.analysis import normaliser, stemmer
from sahifa.search.backends import Backend, get_backend
from sahifa.search.query import Plan, make_plan

CANDIDATES = 1000  # most matches read from an engine; results past these are noise
FALLBACK = 20  # fewer matches of every word than this: matches of some words follow
FRESHNESS = 0.1  # at most this share of a score added for a brand-new article
FRESH_DAYS = 30.0
PERIODS = {"today": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
RELEVANCE, NEWEST = "relevance", "newest"
RERANK = 50  # the best matches ordered again by their headlines
EXACT_BONUS = 0.5  # share of the score added when every word is in the headline as typed
ORDER_BONUS = 0.3  # added when the words follow each other in the headline in that order


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
    articles = selectors.published_in(language).filter(pk__in=backend.id_set(hits))
    if category_id is not None:
        articles = articles.filter(category_id=category_id)
    if period in PERIODS:
        articles = articles.filter(first_published_at__gte=timezone.now() - PERIODS[period])
    if order == NEWEST:
        newest = articles.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
        return Results(plan, list(newest))
    allowed = set(articles.order_by().values_list("pk", flat=True))
    kept = sorted((hit for hit in hits if hit[0] in allowed), key=lambda h: (h[2], -h[1], -h[0]))
    return Results(plan, rerank(plan, kept))


def rerank(plan: Plan, hits: list[tuple[int, float, int]]) -> list[int]:
    """The best RERANK ordered again: words of the headline written as the reader wrote
    them, and in the reader's order, are better evidence than shared stems (a search for
    "Большого театра" wants that headline before "Большой театр"); then, among equally
    good matches, the fresher first."""
    ids = [pk for pk, _, _ in hits]
    top = hits[:RERANK]
    rows = Article.objects.filter(pk__in=ids[:RERANK]).values_list(
        "pk", "headline", "first_published_at"
    )
    found = {pk: (headline, published) for pk, headline, published in rows}
    normalise, stem = normaliser(plan.language), stemmer(plan.language)
    typed = [g.word for g in plan.groups]
    sequence = " ".join(g.terms[0] for g in plan.groups)
    now = timezone.now()

    def boosted(pk: int, score: float) -> float:
        headline, published = found.get(pk, ("", None))
        words = normalise(headline)
        exact = sum(1 for w in typed if w in set(words)) / len(typed) if typed else 0
        in_order = len(typed) > 1 and f" {sequence} " in f" {' '.join(stem(words))} "
        return _fresher(score * (1 + EXACT_BONUS * exact + ORDER_BONUS * in_order), published, now)

    ordered = sorted(top, key=lambda hit: (hit[2], -boosted(hit[0], hit[1]), -hit[0]))
    return [pk for pk, _, _ in ordered] + ids[RERANK:]


def _fresher(score: float, published: datetime | None, now: datetime) -> float:
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
