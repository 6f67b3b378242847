"""The work the background jobs and commands do: index an article, compute and store
its list, refresh the lists a change affects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from sahifa.articles import selectors
from sahifa.articles.models import Article, ArticleTag
from sahifa.related import engine, index, topics
from sahifa.related.analysis import article_terms
from sahifa.related.models import ArticleTerms, RelatedPin, SimilarItem

SPARE = 4  # stored beyond the shown count, so a list stays full if an item expires
RECENT_DAYS = 30  # lists of articles this recent are refreshed when a new one fits them
NEIGHBOURS_CHECKED = 30  # most similar articles whose lists a new article may enter


def stored_count() -> int:
    return settings.SAHIFA_SIMILAR_COUNT + SPARE


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


def meta_of(article: Article) -> engine.Meta:
    tags = ArticleTag.objects.filter(content_object=article).values_list("tag_id", flat=True)
    return engine.Meta(
        article.pk,
        article.translation_key,
        article.category_id,
        article.first_published_at,
        frozenset(tags),
    )


def pinned(article: Article, limit: int) -> list[int]:
    """The editor's pins that may be shown: published, same language, not the article."""
    wanted = list(
        RelatedPin.objects.filter(article=article)
        .order_by("sort_order")
        .values_list("target_id", flat=True)
    )
    shown = set(
        selectors.published()
        .filter(pk__in=wanted, locale_id=article.locale_id)
        .values_list("pk", flat=True)
    )
    return [pk for pk in wanted if pk in shown and pk != article.pk][:limit]


def compute(article: Article, limit: int) -> list[tuple[int, float, bool]]:
    """(article id, score, pinned) of the article's similar list, pins first."""
    idx = index.get(language_of(article))
    pins = pinned(article, limit)
    if article.pk in idx:
        vector = idx.row(article.pk)
    else:
        terms = article_terms(language_of(article), article.headline, article.lead, article.body)
        vector = idx.vector(terms)
    scores = engine.content_scores(idx, *vector)
    chosen = engine.choose(
        idx, meta_of(article), vector, scores, db_lookup(article.locale_id),
        limit - len(pins), skip=frozenset(pins),
    )  # fmt: skip
    return [(pk, 0.0, True) for pk in pins] + [(pk, score, False) for pk, score in chosen]


def store(article_id: int, items: list[tuple[int, float, bool]]) -> None:
    with transaction.atomic():
        SimilarItem.objects.filter(article_id=article_id).delete()
        SimilarItem.objects.bulk_create(
            SimilarItem(article_id=article_id, similar_id=pk, rank=rank, score=score, pinned=pin)
            for rank, (pk, score, pin) in enumerate(items)
        )


def recompute(article: Article) -> None:
    store(article.pk, compute(article, stored_count()))


def refresh(article_id: int) -> None:
    """Bring everything about one article up to date after it changed."""
    article = Article.objects.select_related("locale").filter(pk=article_id).first()
    if article is None:
        return  # deleted: its rows went with it
    eligible = index_article(article)
    idx = index.get(language_of(article))
    if topics.needs_fit(idx):
        topics.fit(idx)
        idx = index.get(language_of(article))
    listing = SimilarItem.objects.filter(similar_id=article_id).values_list("article_id", flat=True)
    touched = set(listing)
    if eligible:
        recompute(article)
        touched |= newly_fitting(article, idx)
    else:
        SimilarItem.objects.filter(article_id=article_id).delete()
    recompute_ids(touched - {article_id})


def newly_fitting(article: Article, idx: index.Index) -> set[int]:
    """Recent articles of the language whose stored list this article should now enter."""
    scores = engine.content_scores(idx, *idx.row(article.pk))
    rows = engine.top_rows(scores, NEIGHBOURS_CHECKED + 1)
    near = {int(idx.ids[r]): float(scores[r]) for r in rows if scores[r] > engine.MIN_SCORE}
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


def recompute_ids(article_ids: Iterable[int]) -> None:
    for article in Article.objects.select_related("locale").filter(pk__in=list(article_ids)):
        if is_eligible(article.pk):
            recompute(article)
