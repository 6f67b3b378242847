"""An article's similar list as URIs, for the `sahifa similar` command: the stored list
when it is long enough, else computed now (and stored when it is the standard length).
The web endpoint never computes (views.py)."""

from __future__ import annotations

from sahifa.articles.models import Article
from sahifa.related import services
from sahifa.related.selectors import stored_similar
from sahifa.related.sizes import stored_count


def similar_uris(article: Article, limit: int) -> list[str]:
    stored = list(stored_similar(article).values_list("uri", flat=True)[:limit])
    has_list = article.similar_items.exists()
    if has_list and (len(stored) == limit or limit <= stored_count()):
        return stored
    items = services.compute(article, max(limit, stored_count()))
    if not has_list:
        services.store(article.pk, items[: stored_count()])
    ids = [pk for pk, _, _ in items][:limit]
    by_id = dict(Article.objects.filter(pk__in=ids).values_list("pk", "uri"))
    return [by_id[pk] for pk in ids]


def as_record(article: Article, limit: int) -> dict[str, object]:
    return {"uri": article.uri, "similar": similar_uris(article, limit)}
