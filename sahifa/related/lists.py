"""An article's similar list as URIs, for the command and the endpoint: the stored list
when it is long enough, else computed now (and stored when it is the standard length)."""

from __future__ import annotations

from sahifa.articles.models import Article
from sahifa.related import services
from sahifa.related.selectors import stored_similar


def similar_uris(article: Article, limit: int) -> list[str]:
    stored = list(stored_similar(article).values_list("uri", flat=True)[:limit])
    has_list = article.similar_items.exists()
    if has_list and (len(stored) == limit or limit <= services.stored_count()):
        return stored
    items = services.compute(article, max(limit, services.stored_count()))
    if not has_list:
        services.store(article.pk, items[: services.stored_count()])
    ids = [pk for pk, _, _ in items][:limit]
    by_id = dict(Article.objects.filter(pk__in=ids).values_list("pk", "uri"))
    return [by_id[pk] for pk in ids]


def as_record(article: Article, limit: int) -> dict[str, object]:
    return {"uri": article.uri, "similar": similar_uris(article, limit)}
