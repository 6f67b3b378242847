"""Search as the site and the newsroom use it: the engine finds matching public
documents (its copy of each article's state, category and date filters and orders
them), relevance with a small freshness bonus orders them, and the articles a reader is
shown are checked against the database (published, not expired, not future, right
language), so a withdrawn article never shows, even before the index catches up."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article
from sahifa.core.text.analysis import stemmer
from sahifa.search.backends import Backend, Filters, get_backend
from sahifa.search.models import SearchDocument
from sahifa.search.query import Plan, make_plan

# Most matches read from an engine (15 pages): past these, results are noise, and the
# count says "more than". Finding the newest of a common word's matches is most of a
# search's time on PostgreSQL, in proportion to this: 500 instead cost 2 ms more a
# search at the median and 20 ms more at p99 (bench/search_speed.py, 100,000 articles).
CANDIDATES = 300
FALLBACK = 20  # fewer matches of every word than this: matches of some words follow
# ...the best this many of them: a last resort, not every article sharing a common word.
FALLBACK_LIMIT = 100
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
    ids: list[int] = field(default_factory=list)  # every match, in order (the index's view)

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def capped(self) -> bool:
        """More articles match than were read (the count is a floor)."""
        return self.count >= CANDIDATES

    def shown(self, ids: list[int] | None = None) -> list[Article]:
        """These results (by default the first page) as readers may see them: checked
        against the database, with what a result shows."""
        wanted = self.ids[: settings.SAHIFA_PAGE_SIZE] if ids is None else ids
        # By id, not by language: a language filter made SQLite walk the whole language.
        articles = selectors.in_order(selectors.as_cards(selectors.published()), wanted)
        return [a for a in articles if a.locale.language_code == self.plan.language]


def candidates(plan: Plan, backend: Backend, filters: Filters) -> list[tuple[int, float, int]]:
    """(article id, score, tier): tier 0 matched every word, 1 only some."""
    if plan.empty:
        return []
    found = backend.candidates(plan, False, CANDIDATES, filters)
    hits = [(pk, score, 0) for pk, score in found]
    if len(found) < FALLBACK and plan.size > 1:
        seen = {pk for pk, _ in found}
        more = backend.candidates(plan, True, FALLBACK_LIMIT, filters)
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
    since = timezone.now() - PERIODS[period] if period in PERIODS else None
    filters = Filters(category_id, since, newest=order == NEWEST)
    hits = candidates(plan, backend, filters)
    if order == NEWEST or not hits:
        return Results(plan, [pk for pk, _, _ in hits])
    hits.sort(key=lambda hit: (hit[2], -hit[1], -hit[0]))
    return Results(plan, rerank(plan, hits))


def rerank(plan: Plan, hits: list[tuple[int, float, int]]) -> list[int]:
    """The best RERANK ordered again by their headlines. Headlines holding the query's
    words as the reader wrote them (or the words a misspelt one was corrected to), one
    after another, come first: that is what a reader who remembers a headline types
    (WordPress orders its title matches so too). Then headline words written as the
    reader wrote them, and in the reader's order, are better evidence than shared stems
    (a search for "Большого театра" wants that headline before "Большой театр"); then,
    among equally good matches, the fresher."""
    ids = [pk for pk, _, _ in hits]
    found = headlines(ids[:RERANK])
    stem = stemmer(plan.language)
    typed = [g.word for g in plan.groups]
    # Each word's spellings and terms, a misspelt word's corrections among them.
    spellings = [g.spellings() for g in plan.groups]
    alternatives = [set(g.terms) for g in plan.groups]
    now = timezone.now()

    def key(hit: tuple[int, float, int]) -> tuple[int, bool, float, int]:
        pk, score, tier = hit
        words, published = found.get(pk, ([], None))
        present = set(words)
        exact = sum(1 for w in typed if w in present) / len(typed) if typed else 0
        in_order = len(typed) > 1 and follows(alternatives, stem(words))
        boosted = score * (1 + EXACT_BONUS * exact + ORDER_BONUS * in_order)
        as_written = bool(typed) and follows(spellings, words)
        return tier, not as_written, -_fresher(boosted, published, now), -pk

    ordered = sorted(hits[:RERANK], key=key)
    return [pk for pk, _, _ in ordered] + ids[RERANK:]


def headlines(ids: list[int]) -> dict[int, tuple[list[str], datetime | None]]:
    """The index's headline words and first-published time of these articles. Raw SQL:
    building the ORM's query for them cost more than running it."""
    if not ids:
        return {}
    table = SearchDocument._meta.db_table
    sql = (
        f"SELECT article_id, words, published_at FROM {table} "
        f"WHERE article_id IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        rows = cursor.fetchall()
    published_at = SearchDocument._meta.get_field("published_at")
    return {pk: (words.split(), _aware(published_at.to_python(when))) for pk, words, when in rows}


def _aware(when: datetime | None) -> datetime | None:
    """SQLite's raw rows hold UTC times as text, read back without their zone."""
    if when is not None and timezone.is_naive(when):
        return timezone.make_aware(when, UTC)
    return when


def follows(alternatives: list[set[str]], words: list[str]) -> bool:
    """Whether the words hold one of each group's alternatives, one after another."""
    if not alternatives:
        return True
    first, rest = alternatives[0], list(enumerate(alternatives[1:], 1))
    # Only where the first group matches are the others looked at (this runs for every
    # word of fifty headlines per search).
    return any(
        all(words[i + k] in group for k, group in rest)
        for i in range(len(words) - len(alternatives) + 1)
        if words[i] in first
    )


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
        for pk, _score, _tier in candidates(plan, backend, Filters(public=False)):
            found.setdefault(pk)
    query = text.strip()
    if query and " " not in query:
        uris = Article.objects.filter(Q(uri__icontains=query)).values_list("pk", flat=True)
        for pk in uris[:CANDIDATES]:
            found.setdefault(pk)
    return list(found)
