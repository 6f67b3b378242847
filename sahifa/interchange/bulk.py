"""Writing a run of articles with a handful of statements instead of a dozen per
article: what lets an import reach hundreds of articles a second.

For each article: its row, its tags, one revision (latest, and live when published) and
the history entries an editor's create/publish would leave, all in the caller's single
transaction for the run: it commits whole or not at all, and the importer then retries
the run one line at a time, so one bad line still fails alone. `Article.save` is not
called (rows.py writes the rows), so post_save hooks do not run: a job adds the articles
to the search and reference indexes (as Wagtail's own save hooks do through their task queue), and
`articles_imported` tells other apps which articles came in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.signals import published, unpublished

from sahifa.articles.models import Article, ArticleTag, FormerSlug
from sahifa.articles.slugs import slug_from_text, unique_slug
from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import ArticleData
from sahifa.interchange.pictures import FetchedPicture
from sahifa.interchange.revisions import record_revisions, stored_children
from sahifa.interchange.rows import insert_objects, insert_rows, update_objects
from sahifa.interchange.signals import articles_imported
from sahifa.interchange.store import Lookups, apply_fields, choose_slug

# Suffixes tried for a headline slug before asking `unique_slug` (as it numbers them).
SLUG_TRIES = 9


@dataclass
class NewArticle:
    """A parsed line on its way in, with its picture already resolved."""

    line: int
    data: ArticleData
    image: NewsImage | None = None
    fetched: FetchedPicture | None = None
    keep_image: bool = False
    warnings: list[str] = field(default_factory=list)


def create_articles(items: list[NewArticle], lookups: Lookups) -> None:
    """Create the articles of ``items``, none of whose uris exist yet."""
    articles = []
    for item in items:
        article = Article(uri=item.data.uri)
        apply_fields(article, item.data, lookups, item.image, item.keep_image)
        articles.append(article)
    _assign_slugs(articles, items)
    insert_objects(articles)
    _finish(articles, items, lookups, was_live=None)


def update_articles(items: list[NewArticle], lookups: Lookups) -> None:
    """Update the existing articles of ``items`` (read here, inside the transaction)."""
    by_uri = {a.uri: a for a in Article.objects.filter(uri__in=[i.data.uri for i in items])}
    articles, was_live = [], []
    for item in items:
        article = by_uri[item.data.uri]
        was_live.append(article.live)
        old_slug, old_locale = article.slug, article.locale_id
        apply_fields(article, item.data, lookups, item.image, item.keep_image)
        changed_language = article.locale_id != old_locale
        article.slug = choose_slug(article, item.data.slug, changed_language, item.warnings)
        article.slug = article.slug or unique_slug(article)
        if article.slug != old_slug:
            article._remember_former_slug()  # the model's rule: old published URLs redirect
        articles.append(article)
    ArticleTag.objects.filter(content_object__in=articles).delete()
    _finish(articles, items, lookups, was_live=was_live)


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
    ids = [a.pk for a in articles]
    transaction.on_commit(lambda: _after_commit(ids))


def _after_commit(ids: list[int]) -> None:
    from sahifa.interchange.tasks import index_imported

    index_imported(ids)
    articles_imported.send(sender=Article, article_ids=ids)


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


def _assign_slugs(articles: list[Article], items: list[NewArticle]) -> None:
    """The slug each line asks for when free, else the headline's slug numbered as
    `unique_slug` numbers it (`-2`, `-3`...). Most headlines' own slug is free, so
    only the asked and plain slugs are looked up first (one query per language), and
    a line's numbered ones only when it needs them."""
    wanted: list[list[str]] = []
    for article, item in zip(articles, items, strict=True):
        base = slug_from_text(article.headline)
        tries = [base] + [f"{base}-{n}" for n in range(2, SLUG_TRIES + 1)]
        wanted.append(([item.data.slug] if item.data.slug else []) + tries)
    checked = [c[: 2 if item.data.slug else 1] for c, item in zip(wanted, items, strict=True)]
    taken = _taken_slugs(articles, checked)
    # Until no line runs out of checked slugs: then each line's pick is the one it
    # would make with all its slugs checked.
    while True:
        chosen, short = _pick_slugs(articles, checked, wanted, taken)
        if not short:
            break
        more = [wanted[n][len(checked[n]) :] for n in short]
        for locale_id, slugs in _taken_slugs([articles[n] for n in short], more).items():
            taken[locale_id] |= slugs
        for n in short:
            checked[n] = wanted[n]
    for article, item, slug in zip(articles, items, chosen, strict=True):
        if item.data.slug and slug != item.data.slug:
            item.warnings.append(
                _("slug %(slug)r is taken; another one is used") % {"slug": item.data.slug}
            )
        article.slug = slug or unique_slug(article)


def _pick_slugs(
    articles: list[Article],
    checked: list[list[str]],
    wanted: list[list[str]],
    taken: dict[int, set[str]],
) -> tuple[list[str], list[int]]:
    """Each article's first slug of ``checked`` that neither the database (``taken``)
    nor an earlier line has ("" when none is), and the lines that found none while
    more of their ``wanted`` slugs are still to be checked."""
    used = {locale_id: set(slugs) for locale_id, slugs in taken.items()}
    chosen, short = [], []
    for n, (article, candidates) in enumerate(zip(articles, checked, strict=True)):
        in_language = used.setdefault(article.locale_id, set())
        free = next((slug for slug in candidates if slug not in in_language), "")
        if not free and len(candidates) < len(wanted[n]):
            short.append(n)
        in_language.add(free)  # a later line with the same headline takes the next one
        chosen.append(free)
    return chosen, short


def _taken_slugs(articles: list[Article], wanted: list[list[str]]) -> dict[int, set[str]]:
    by_locale: dict[int, set[str]] = defaultdict(set)
    for article, candidates in zip(articles, wanted, strict=True):
        by_locale[article.locale_id].update(candidates)
    taken: dict[int, set[str]] = defaultdict(set)
    for locale_id, slugs in by_locale.items():
        for model in (Article, FormerSlug):
            rows = model.objects.filter(locale_id=locale_id, slug__in=slugs)
            taken[locale_id].update(rows.values_list("slug", flat=True))
    return taken
