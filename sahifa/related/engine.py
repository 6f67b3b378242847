"""How one article's similar list is chosen from the index: content similarity (TF-IDF
cosine blended with topic cosine), small bonuses for a shared category, shared tags and
a close publication time, then the rules: same language, published, not the article,
not its translations, no two copies of one text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from sahifa.related.index import Index

TOPIC_WEIGHT = 0.5  # share of the topic cosine in the content score
TOPIC_MIN_DOCS = 200  # below this a language has too few articles for stable topics
CANDIDATES = 60  # best-scoring rows looked at before the rules
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


def content_scores(index: Index, cols: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Content similarity of a text to every row of the index; dead rows get -inf."""
    scores = index.lexical_scores(cols, weights)
    topic = index.project(cols, weights) if index.size >= TOPIC_MIN_DOCS else None
    if topic is not None:
        topical = index.topics[: index.count] @ topic
        scores = (1 - TOPIC_WEIGHT) * scores + TOPIC_WEIGHT * topical
    scores = scores.astype(np.float64)
    scores[~index.alive[: index.count]] = -np.inf
    return scores


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


def cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    _, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(a[1][ia] @ b[1][ib])


def choose(
    index: Index,
    me: Meta,
    vector: tuple[np.ndarray, np.ndarray],
    scores: np.ndarray,
    lookup: MetaLookup,
    limit: int,
    skip: frozenset[int] = frozenset(),
) -> list[tuple[int, float]]:
    """The best ``limit`` (article id, score) for an article, by the rules above."""
    rows = top_rows(scores, CANDIDATES + len(skip) + 1)
    rows = [r for r in rows if scores[r] > MIN_SCORE]
    ids = [int(index.ids[r]) for r in rows]
    metas = lookup([*ids, me.pk])
    ranked = []
    for r, pk in zip(rows, ids, strict=True):
        other = metas.get(pk)
        if other is None or pk == me.pk or pk in skip:
            continue
        if me.translation_key and other.translation_key == me.translation_key:
            continue
        ranked.append((float(scores[r]) + bonus(me, other), pk))
    ranked.sort(key=lambda item: (-item[0], -item[1]))
    chosen: list[tuple[int, float]] = []
    kept: list[tuple[np.ndarray, np.ndarray]] = [vector]  # the article itself, then picks
    for score, pk in ranked:
        row = index.row(pk)
        if any(cosine(row, seen) >= NEAR_DUPLICATE for seen in kept):
            continue
        chosen.append((pk, score))
        kept.append(row)
        if len(chosen) == limit:
            break
    return chosen
