"""The work the background jobs and commands do: index an article, compute and store
its list, refresh the lists a change affects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article, ArticleTag
from sahifa.core.text.analysis import article_terms
from sahifa.related import engine, index, topics
from sahifa.related.models import ArticleTerms, RelatedPin, SimilarItem
from sahifa.related.selectors import lists_changed
from sahifa.related.sizes import stored_count

RECENT_DAYS = 30  # lists of articles this recent are refreshed when a new one fits them
NEIGHBOURS_CHECKED = 30  # most similar articles whose lists a new article may enter


def language_of(article: Article) -> str:
    return article.locale.language_code


def is_eligible(article_id: int) -> bool:
    return selectors.published().filter(pk=article_id).exists()


def index_article(article: Article) -> bool:
    """Store the article's terms (active only while published); True when published."""
    eligible = is_eligible(article.pk)
    terms = article_terms(language_of(article), article.headline, article.lead, article.body)
    ArticleTerms.objects.update_or_create(
        article=article,
        defaults={"language": language_of(article), "terms": terms, "active": eligible},
    )
    return eligible


def db_lookup(locale_id: int) -> engine.MetaLookup:
    """Meta of the published articles of one locale among some ids, from the database."""

    def lookup(ids: Iterable[int]) -> dict[int, engine.Meta]:
        ids = list(ids)
        rows = (
            selectors.published()
            .filter(pk__in=ids, locale_id=locale_id)
            .order_by()
            .values_list("pk", "translation_key", "category_id", "first_published_at")
        )
        tags = defaultdict(set)
        for article_id, tag_id in ArticleTag.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag_id"
        ):
            tags[article_id].add(tag_id)
        return {
            pk: engine.Meta(pk, key, category, when, frozenset(tags[pk]))
            for pk, key, category, when in rows
        }

    return lookup


def own_meta(article: Article) -> engine.Meta:
    """The article's meta before the lookup (which adds its tags when it is published)."""
    return engine.Meta(
        article.pk, article.translation_key, article.category_id, article.first_published_at
    )


def pinned(article: Article, limit: int) -> list[int]:
    """The editor's pins that may be shown: published, same language, not the article."""
    shown = selectors.published().filter(locale_id=article.locale_id).exclude(pk=article.pk)
    pins = RelatedPin.objects.filter(article=article, target__in=shown.values("pk"))
    return list(pins.order_by("sort_order").values_list("target_id", flat=True)[:limit])


def vector_of(idx: index.Index, article: Article) -> tuple:
    if article.pk in idx:
        return idx.row(article.pk)
    terms = article_terms(language_of(article), article.headline, article.lead, article.body)
    return idx.vector(terms)


def compute(
    article: Article, limit: int, idx: index.Index | None = None
) -> list[tuple[int, float, bool]]:
    """(article id, score, pinned) of the article's similar list, pins first."""
    return _compute(article, limit, idx or index.get(language_of(article)))[0]


def _compute(article: Article, limit: int, idx: index.Index):
    pins = pinned(article, limit)
    vector = vector_of(idx, article)
    (candidates,) = engine.content_candidates(idx, [vector])
    chosen = engine.choose(
        idx, own_meta(article), vector, candidates, db_lookup(article.locale_id),
        limit - len(pins), skip=frozenset(pins),
    )  # fmt: skip
    items = [(pk, 0.0, True) for pk in pins] + [(pk, score, False) for pk, score in chosen]
    return items, candidates


def store(article_id: int, items: list[tuple[int, float, bool]]) -> None:
    with transaction.atomic():
        SimilarItem.objects.filter(article_id=article_id).delete()
        SimilarItem.objects.bulk_create(
            SimilarItem(article_id=article_id, similar_id=pk, rank=rank, score=score, pinned=pin)
            for rank, (pk, score, pin) in enumerate(items)
        )
        lists_changed()


def recompute(article: Article, idx: index.Index | None = None) -> tuple:
    """Compute and store the article's list; returns its candidates."""
    items, candidates = _compute(article, stored_count(), idx or index.get(language_of(article)))
    store(article.pk, items)
    return candidates


def refresh(article_id: int) -> None:
    """Bring everything about one article up to date after it changed."""
    article = Article.objects.select_related("locale").filter(pk=article_id).first()
    if article is None:
        return  # deleted: its rows went with it
    eligible = index_article(article)
    idx = index.get(language_of(article))
    if topics.needs_fit(idx):
        topics.fit(idx)
    listing = SimilarItem.objects.filter(similar_id=article_id).values_list("article_id", flat=True)
    touched = set(listing)
    if eligible:
        candidates = recompute(article, idx)
        touched |= newly_fitting(article, idx, candidates)
    else:
        SimilarItem.objects.filter(article_id=article_id).delete()
        lists_changed()
    recompute_ids(touched - {article_id}, idx)


def forget(deleted_ids: list[int]) -> None:
    """The lists that showed deleted articles lose them and are computed again."""
    shown_in = SimilarItem.objects.filter(similar_id__in=deleted_ids)
    listing = set(shown_in.values_list("article_id", flat=True)) - set(deleted_ids)
    shown_in.delete()
    lists_changed()
    recompute_ids(listing)


def newly_fitting(article: Article, idx: index.Index, candidates: tuple) -> set[int]:
    """Recent articles of the language whose stored list this article should now enter."""
    rows, scores = candidates
    near = {
        int(idx.ids[r]): float(score)
        for r, score in zip(rows[:NEIGHBOURS_CHECKED], scores, strict=False)
        if score > engine.MIN_SCORE
    }
    near.pop(article.pk, None)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = set(
        selectors.published()
        .filter(pk__in=near, locale_id=article.locale_id, first_published_at__gte=since)
        .values_list("pk", flat=True)
    )
    lists = dict.fromkeys(recent, (0, None))
    for pk, count, lowest in (
        SimilarItem.objects.filter(article_id__in=recent, pinned=False)
        .values("article_id")
        .annotate(count=Count("pk"), lowest=Min("score"))
        .values_list("article_id", "count", "lowest")
    ):
        lists[pk] = (count, lowest)
    full = stored_count()
    return {
        pk
        for pk, (count, lowest) in lists.items()
        if count < full or lowest is None or near[pk] > lowest - engine.MAX_BONUS
    }


def recompute_ids(article_ids: Iterable[int], idx: index.Index | None = None) -> None:
    """Recompute the lists of those articles that are published."""
    articles = selectors.published().filter(pk__in=list(article_ids)).select_related("locale")
    for article in articles:
        same = idx is not None and idx.language == language_of(article)
        recompute(article, idx if same else None)
