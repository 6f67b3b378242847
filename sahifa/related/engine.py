"""How one article's similar list is chosen from the index: content similarity (TF-IDF
cosine blended with topic cosine), small bonuses for a shared category, shared tags and
a close publication time, then the rules: same language, published, not the article,
not its translations, no two copies of one text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import scipy.sparse as sp

from sahifa.related.index import Index, rows_to_csr

TOPIC_WEIGHT = 0.5  # share of the topic cosine in the content score
TOPIC_MIN_DOCS = 200  # below this a language has too few articles for stable topics
QUERY_TERMS = 40  # a text's strongest terms, used to find candidates in the postings
POOL = 100  # candidates scored exactly
FIRST_LOOK = 20  # candidates beyond the list's length looked at first
NEAR_DUPLICATE = 0.9  # TF-IDF cosine from which two texts count as copies
CATEGORY_BONUS = 0.03
TAG_BONUS = 0.05  # times the Jaccard overlap of the tag sets
RECENCY_BONUS = 0.01  # times exp(-days apart / RECENCY_DAYS)
RECENCY_DAYS = 7.0
MIN_SCORE = 0.02  # below this an article is not related at all
MAX_BONUS = CATEGORY_BONUS + TAG_BONUS + RECENCY_BONUS


@dataclass(frozen=True)
class Meta:
    """What the rules need to know about an eligible (published, same-language) article."""

    pk: int
    translation_key: object
    category_id: int | None
    published_at: datetime | None
    tags: frozenset[int] = frozenset()


MetaLookup = Callable[[Iterable[int]], dict[int, Meta]]


def content_candidates(
    index: Index, vectors: list[tuple[np.ndarray, np.ndarray]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each text, its best candidate rows and their content scores, best first.

    Candidates come from the text's strongest terms through the postings (plus the topic
    cosine against every row, which is cheap), then are scored exactly. The index is held
    throughout: the job worker's other threads may be adding rows and words to it."""
    with index.lock:
        return _content_candidates(index, vectors)


def _content_candidates(
    index: Index, vectors: list[tuple[np.ndarray, np.ndarray]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    if index.size == 0 or not vectors:
        return [empty for _ in vectors]
    width = len(index.vocab)
    full = rows_to_csr(vectors, width)
    approx = index.postings_scores(rows_to_csr([_strongest(v) for v in vectors], width))
    topic_scores = index.topic_scores(vectors) if index.size >= TOPIC_MIN_DOCS else None
    if topic_scores is not None:
        approx = (1 - TOPIC_WEIGHT) * approx + TOPIC_WEIGHT * topic_scores
    approx[:, ~index.alive[: index.count]] = -np.inf
    # Exact scores of every text's pool at once: its rows times the text, summed.
    pool = min(POOL, approx.shape[1])
    best = np.argpartition(-approx, pool - 1, axis=1)[:, :pool]
    texts = full[np.repeat(np.arange(len(vectors)), pool)]
    exact = np.asarray(index.rows_matrix(best.ravel()).multiply(texts).sum(axis=1))
    exact = exact.reshape(best.shape)
    if topic_scores is not None:
        exact = (1 - TOPIC_WEIGHT) * exact + TOPIC_WEIGHT * np.take_along_axis(
            topic_scores, best, axis=1
        )
    usable = np.isfinite(np.take_along_axis(approx, best, axis=1))
    out = []
    for rows, scores, ok in zip(best, exact, usable, strict=True):
        rows, scores = rows[ok], scores[ok]
        order = np.argsort(-scores, kind="stable")
        out.append((rows[order], scores[order]))
    return out


def _strongest(vector: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    cols, weights = vector
    if len(cols) <= QUERY_TERMS:
        return vector
    keep = np.sort(np.argpartition(-weights, QUERY_TERMS - 1)[:QUERY_TERMS])
    return cols[keep], weights[keep]


def top_rows(scores: np.ndarray, count: int) -> np.ndarray:
    count = min(count, len(scores))
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    best = np.argpartition(-scores, count - 1)[:count]
    return best[np.argsort(-scores[best], kind="stable")]


def bonus(a: Meta, b: Meta) -> float:
    extra = CATEGORY_BONUS if a.category_id and a.category_id == b.category_id else 0.0
    if a.tags and b.tags:
        extra += TAG_BONUS * len(a.tags & b.tags) / len(a.tags | b.tags)
    if a.published_at and b.published_at:
        days = abs((a.published_at - b.published_at).total_seconds()) / 86400
        extra += RECENCY_BONUS * float(np.exp(-days / RECENCY_DAYS))
    return extra


def choose(
    index: Index,
    me: Meta,
    vector: tuple[np.ndarray, np.ndarray],
    candidates: tuple[np.ndarray, np.ndarray],
    lookup: MetaLookup,
    limit: int,
    skip: frozenset[int] = frozenset(),
) -> list[tuple[int, float]]:
    """The best ``limit`` (article id, score) for an article, by the rules above."""
    rows, scores = candidates
    keep = scores > MIN_SCORE
    rows, scores = rows[keep], scores[keep]
    # The best few are nearly always enough; look further only when the rules ate them.
    first = FIRST_LOOK + limit + len(skip)
    if len(rows) > first:
        chosen = _choose(index, me, vector, rows[:first], scores[:first], lookup, limit, skip)
        if len(chosen) == limit:
            return chosen
    return _choose(index, me, vector, rows, scores, lookup, limit, skip)


def _choose(index, me, vector, rows, scores, lookup, limit, skip) -> list[tuple[int, float]]:
    ids = [int(pk) for pk in index.ids[rows]]
    metas = lookup([*ids, me.pk])
    me = metas.get(me.pk, me)
    ranked = []
    for row, pk, score in zip(rows, ids, scores, strict=True):
        other = metas.get(pk)
        if other is None or pk == me.pk or pk in skip:
            continue
        if me.translation_key and other.translation_key == me.translation_key:
            continue
        ranked.append((float(score) + bonus(me, other), pk, row))
    ranked.sort(key=lambda item: (-item[0], -item[1]))
    # Cosines among the article and its candidates, in one small product.
    matrix = sp.vstack([rows_to_csr([vector], len(index.vocab)), index.rows_matrix(
        np.array([row for _, _, row in ranked], dtype=np.int64)
    )], format="csr")  # fmt: skip
    gram = (matrix @ matrix.T).toarray()
    chosen: list[tuple[int, float]] = []
    kept = [0]  # the article itself, then the picks
    for position, (score, pk, _) in enumerate(ranked, start=1):
        if gram[position, kept].max() >= NEAR_DUPLICATE:
            continue
        chosen.append((pk, score))
        kept.append(position)
        if len(chosen) == limit:
            break
    return chosen
