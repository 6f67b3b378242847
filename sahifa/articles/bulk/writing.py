"""Writing a run of articles with a handful of statements instead of a dozen per
article: what lets an import reach hundreds of articles a second.

For each article: its row, its tags, one revision (latest, and live when published) and
the history entries an editor's create/publish would leave, all in the caller's single
transaction for the run: it commits whole or not at all, and the importer then retries
the run one line at a time, so one bad line still fails alone. `Article.save` is not
called (rows.py writes the rows), so post_save hooks do not run: `actions.import_articles`,
the only caller, queues the search and reference indexing (as Wagtail's own save hooks
do) and records the change event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.signals import published, unpublished

from sahifa.articles.bulk.fields import Lookups, apply_fields
from sahifa.articles.bulk.revisions import record_revisions, stored_children
from sahifa.articles.bulk.rows import insert_objects, insert_rows, update_objects
from sahifa.articles.inputs import ArticleData
from sahifa.articles.models import Article, ArticleTag
from sahifa.articles.slugs import assign_slugs, remember_former_slug
from sahifa.images.models import NewsImage

# Numbered slugs (`slug_1`...) tried for a new tag whose slug is taken, as taggit does.
SLUG_TRIES = 9


@dataclass
class NewArticle:
    """A parsed line on its way in, with its picture already resolved."""

    line: int
    data: ArticleData
    image: NewsImage | None = None
    keep_image: bool = False  # the line's picture could not be had: keep the current one
    warnings: list[str] = field(default_factory=list)


def create_articles(items: list[NewArticle], lookups: Lookups) -> list[Article]:
    """Create the articles of ``items``, none of whose uris exist yet."""
    articles = []
    for item in items:
        article = Article(uri=item.data.uri)
        _apply(article, item, lookups)
        article.slug = ""
        articles.append(article)
    _assign_slugs(articles, items, [""] * len(items))
    articles = insert_objects(articles)
    _finish(articles, items, lookups, was_live=None)
    return articles


def update_articles(items: list[NewArticle], lookups: Lookups) -> list[tuple[Article, bool]]:
    """Update the existing articles of ``items`` (read here, inside the transaction);
    returns each with whether it was live before."""
    by_uri = {a.uri: a for a in Article.objects.filter(uri__in=[i.data.uri for i in items])}
    articles, was_live, old_slugs, was_published, moved = [], [], [], [], []
    for n, item in enumerate(items):
        article = by_uri[item.data.uri]
        was_live.append(article.live)
        old_slugs.append(article.slug)
        was_published.append(article.first_published_at is not None)
        old_locale = article.locale_id
        _apply(article, item, lookups)
        # An article keeps its slug (its own in its language) unless the line asks for
        # another or it changed language: only those go through the slug rule.
        asks = bool(item.data.slug) and item.data.slug != article.slug
        if asks or article.locale_id != old_locale or not article.slug:
            moved.append(n)
        articles.append(article)
    _assign_slugs(
        [articles[n] for n in moved], [items[n] for n in moved], [old_slugs[n] for n in moved]
    )
    for article, old_slug, published_before in zip(articles, old_slugs, was_published, strict=True):
        remember_former_slug(article, old_slug, published_before)
    ArticleTag.objects.filter(content_object__in=articles).delete()
    _finish(articles, items, lookups, was_live=was_live)
    return list(zip(articles, was_live, strict=True))


def _apply(article: Article, item: NewArticle, lookups: Lookups) -> None:
    """The line's fields on its article; the report tells where a line without a
    subject was filed."""
    had_category = article.category_id
    apply_fields(article, item.data, lookups, item.image, item.keep_image)
    if item.data.subject is None and article.category_id != had_category:
        item.warnings.append(
            _("no subject: filed under the default category %(name)s (%(slug)s)")
            % {"name": article.category.name, "slug": article.category.slug}
        )


def _assign_slugs(articles: list[Article], items: list[NewArticle], old: list[str]) -> None:
    """The slug each line asks for when free, else the article's own, else the
    headline's (the one rule of `slugs.assign_slugs`); a taken one asked for is warned of."""
    taken = assign_slugs(
        articles,
        [item.data.slug if item.data.slug != o else "" for item, o in zip(items, old, strict=True)],
    )
    for item, slug in zip(items, taken, strict=True):
        if slug:
            item.warnings.append(_("slug %(slug)r is taken; another one is used") % {"slug": slug})


def _finish(
    articles: list[Article],
    items: list[NewArticle],
    lookups: Lookups,
    was_live: list[bool] | None,
) -> None:
    """Tags, revisions, history, the article rows' last writes, signals and, after
    commit, the indexing job."""
    created = was_live is None
    was_live = was_live or [False] * len(articles)
    tags = _tags({k for item in items for k in item.data.keywords}, lookups)
    tag_ids = [[tags[k].pk for k in item.data.keywords] for item in items]
    pairs = [(t, a.pk) for a, group in zip(articles, tag_ids, strict=True) for t in group]
    new_ids = insert_rows(ArticleTag, ("tag_id", "content_object_id"), pairs, return_ids=True)
    children: list[dict[str, Sequence[Any]]]
    if created:  # a new article has no other child rows; an existing one's are read
        relations = [r.get_accessor_name() for r in get_all_child_relations(Article)]
        children = [dict.fromkeys(relations, ()) for _ in articles]
    else:
        children = stored_children(articles, skip="tagged_items")
    at = 0
    for article, group, rows in zip(articles, tag_ids, children, strict=True):
        # The revision holds the tag rows just written, without reading them back.
        rows["tagged_items"] = [
            SimpleNamespace(pk=pk, id=pk, tag_id=t, content_object_id=article.pk)
            for t, pk in zip(group, new_ids[at : at + len(group)], strict=True)
        ]
        at += len(group)
    record_revisions(articles, children, was_live, created)
    if created:
        update_objects(articles, ["latest_revision_id", "live_revision_id"])
    else:
        update_objects(
            articles, [f.attname for f in Article._meta.concrete_fields if not f.primary_key]
        )
    for article, live_before in zip(articles, was_live, strict=True):
        if article.live:
            published.send(sender=Article, instance=article, revision=article.live_revision)
        elif live_before:
            unpublished.send(sender=Article, instance=article)


def _tags(names: Iterable[str], lookups: Lookups) -> dict[str, Tag]:
    """Tag rows for ``names``: known, found in one query, or made."""
    tags = {n: t for n in names if (t := lookups.get(lookups.tags, n))}
    missing = [n for n in names if n not in tags]
    found = {t.name: t for t in Tag.objects.filter(name__in=missing)}
    new = _new_tags([n for n in missing if n not in found])
    found.update((t.name, t) for t in new)
    for name in missing:
        lookups.remember(lookups.tags, name, found[name])
        tags[name] = found[name]
    return tags


def _new_tags(names: list[str]) -> list[Tag]:
    """Tag rows made for ``names`` with the slugs taggit would give them one by one:
    the name's slug, else the first of `slug_1`, `slug_2`... that no tag has (looked up
    in two queries; taggit's own save numbers a tag past these tries)."""
    slugify = Tag().slugify
    new = [Tag(name=n, slug=slugify(n)) for n in names]
    taken = set(Tag.objects.filter(slug__in=[t.slug for t in new]).values_list("slug", flat=True))
    clashing = []
    for tag in new:
        if tag.slug and tag.slug not in taken:
            taken.add(tag.slug)
        else:
            clashing.append(tag)
    if clashing:
        tries = [[slugify(t.name, i) for i in range(1, SLUG_TRIES + 1)] for t in clashing]
        numbered = Tag.objects.filter(slug__in=[slug for group in tries for slug in group])
        taken.update(numbered.values_list("slug", flat=True))
        for tag, group in zip(clashing, tries, strict=True):
            # A name without a slug of its own is left to taggit, as one that runs out.
            tag.slug = next((s for s in group if s not in taken), "") if tag.slug else ""
            taken.add(tag.slug)
    Tag.objects.bulk_create([t for t in new if t.slug])
    for tag in new:
        if not tag.slug:
            tag.save()
    return new
