"""Recompute everything: every published article's terms, each language's topic basis,
and every stored list, in batches (one matrix product per batch instead of one query per
article)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db import transaction
from wagtail.models import Locale

from sahifa.articles import selectors
from sahifa.articles.models import ArticleTag
from sahifa.core.text.analysis import article_terms
from sahifa.related import engine, index, topics
from sahifa.related.models import ArticleTerms, RelatedPin, SimilarItem
from sahifa.related.selectors import lists_changed
from sahifa.related.sizes import stored_count

BATCH = 256
# Called with how many articles were just done; what it returns is ignored.
Progress = Callable[[int], object]


def rebuild(progress: Progress = lambda n: None) -> int:
    """Rebuild every language; returns how many lists were stored."""
    stored = 0
    for locale in Locale.objects.order_by("pk"):
        stored += rebuild_language(locale, progress)
    return stored


def total() -> int:
    """Work units a rebuild reports: each published article twice (indexed, listed)."""
    return 2 * selectors.published().count()


def rebuild_language(locale: Locale, progress: Progress) -> int:
    language = locale.language_code
    published = selectors.published().filter(locale=locale)
    _index_all(published, language, progress)
    index.reset()
    idx = index.get(language)
    if idx.size >= engine.TOPIC_MIN_DOCS:
        topics.fit(idx)
    metas = _all_meta(published)
    pins = _all_pins(locale)
    limit = stored_count()
    done = 0
    for ids, vectors, candidates in _candidate_batches(idx):
        lists = {}
        for pk, vector, found in zip(ids, vectors, candidates, strict=True):
            me = metas.get(pk)
            if me is None:
                continue
            pinned = [p for p in pins.get(pk, []) if p in metas and p != pk][:limit]
            chosen = engine.choose(
                idx, me, vector, found, lambda ids: metas, limit - len(pinned),
                skip=frozenset(pinned),
            )  # fmt: skip
            lists[pk] = [(p, 0.0, True) for p in pinned] + [(p, s, False) for p, s in chosen]
        _store_many(lists)
        done += len(lists)
        progress(len(lists))
    return done


def _index_all(published, language: str, progress: Progress) -> None:
    fields = ("pk", "headline", "lead", "body")
    batch = []
    for pk, headline, lead, body in published.values_list(*fields).iterator(chunk_size=1000):
        terms = article_terms(language, headline, lead, body)
        batch.append(ArticleTerms(article_id=pk, language=language, terms=terms, active=True))
        if len(batch) == 1000:
            _save_terms(batch)
            progress(len(batch))
            batch = []
    _save_terms(batch)
    progress(len(batch))
    ArticleTerms.objects.filter(language=language, active=True).exclude(
        article__in=published.values("pk")
    ).update(active=False)


def _save_terms(batch: list[ArticleTerms]) -> None:
    ArticleTerms.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["language", "terms", "active", "changed_at"],
    )


def _all_meta(published) -> dict[int, engine.Meta]:
    tags = defaultdict(set)
    for article_id, tag_id in ArticleTag.objects.filter(
        content_object__in=published.values("pk")
    ).values_list("content_object_id", "tag_id"):
        tags[article_id].add(tag_id)
    rows = published.values_list("pk", "translation_key", "category_id", "first_published_at")
    return {
        pk: engine.Meta(pk, key, category, when, frozenset(tags[pk]))
        for pk, key, category, when in rows.iterator(chunk_size=5000)
    }


def _all_pins(locale: Locale) -> dict[int, list[int]]:
    pins = defaultdict(list)
    for article_id, target_id in (
        RelatedPin.objects.filter(article__locale=locale)
        .order_by("article_id", "sort_order")
        .values_list("article_id", "target_id")
    ):
        pins[article_id].append(target_id)
    return pins


def _candidate_batches(idx: index.Index) -> Iterator[tuple[list[int], list, list]]:
    """(article ids, their vectors, their candidates) for every live row, in batches."""
    _, alive = idx.alive_matrix()
    for start in range(0, len(alive), BATCH):
        ids = [int(pk) for pk in idx.ids[alive[start : start + BATCH]]]
        vectors = [idx.row(pk) for pk in ids]
        yield ids, vectors, engine.content_candidates(idx, vectors)


def _store_many(lists: dict[int, list[tuple[int, float, bool]]]) -> None:
    with transaction.atomic():
        SimilarItem.objects.filter(article_id__in=list(lists)).delete()
        SimilarItem.objects.bulk_create(
            (
                SimilarItem(article_id=a, similar_id=pk, rank=rank, score=score, pinned=pin)
                for a, items in lists.items()
                for rank, (pk, score, pin) in enumerate(items)
            ),
            batch_size=2000,
        )
        lists_changed()
