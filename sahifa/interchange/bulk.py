"""Writing a run of articles with a handful of statements instead of a dozen per
article: what lets an import reach hundreds of articles a second.

For each article: its row, its tags, one revision (latest, and live when published) and
the history entries an editor's create/publish would leave, all in the caller's single
transaction for the run: it commits whole or not at all, and the importer then retries
the run one line at a time, so one bad line still fails alone. `Article.save` is not
called, so post_save hooks do not run: a job adds the articles to the search and
reference indexes (as Wagtail's own save hooks do through their task queue), and
`articles_imported` tells other apps which articles came in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.models import ModelLogEntry, Revision
from wagtail.signals import published, unpublished

from sahifa.articles.models import Article, ArticleTag, FormerSlug
from sahifa.articles.slugs import slug_from_text, unique_slug
from sahifa.images.models import NewsImage
from sahifa.interchange.ninjs import ArticleData
from sahifa.interchange.pictures import FetchedPicture
from sahifa.interchange.signals import articles_imported
from sahifa.interchange.store import Lookups, apply_fields, choose_slug, log_actions

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
    Article.objects.bulk_create(articles)
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
    fields = [
        f.attname
        for f in Article._meta.concrete_fields
        if not f.primary_key and f.name not in {"latest_revision", "live_revision"}
    ]
    for article in articles:
        Article.objects.filter(pk=article.pk).update(**{f: getattr(article, f) for f in fields})
    ArticleTag.objects.filter(content_object__in=articles).delete()
    _finish(articles, items, lookups, was_live=was_live)


def _finish(
    articles: list[Article],
    items: list[NewArticle],
    lookups: Lookups,
    was_live: list[bool] | None,
) -> None:
    """Tags, revisions, history, signals and, after commit, the indexing job."""
    tags = _tags({k for item in items for k in item.data.keywords}, lookups)
    tagged = [
        [ArticleTag(tag=tags[k], content_object=a) for k in item.data.keywords]
        for a, item in zip(articles, items, strict=True)
    ]
    ArticleTag.objects.bulk_create([t for group in tagged for t in group])
    created = was_live is None
    _record_revisions(articles, tagged, was_live or [False] * len(articles), created)
    for article, live_before in zip(articles, was_live or [False] * len(articles), strict=True):
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
    new = [Tag(name=n, slug=Tag().slugify(n)) for n in missing if n not in found]
    # Tags whose plain slug is free go in with one statement; taggit numbers the others.
    taken = set(Tag.objects.filter(slug__in=[t.slug for t in new]).values_list("slug", flat=True))
    plain = {t.slug: t for t in new if t.slug and t.slug not in taken}
    Tag.objects.bulk_create(plain.values())
    for tag in new:
        if plain.get(tag.slug) is not tag:
            tag.slug = ""
            tag.save()
    found.update((t.name, t) for t in new)
    for name in missing:
        lookups.remember(lookups.tags, name, found[name])
        tags[name] = found[name]
    return tags


def _assign_slugs(articles: list[Article], items: list[NewArticle]) -> None:
    """The slug each line asks for when free, else the headline's slug numbered as
    `unique_slug` numbers it (`-2`, `-3`...), checked in one query per language."""
    wanted: list[list[str]] = []
    for article, item in zip(articles, items, strict=True):
        base = slug_from_text(article.headline)
        tries = [base] + [f"{base}-{n}" for n in range(2, SLUG_TRIES + 1)]
        wanted.append(([item.data.slug] if item.data.slug else []) + tries)
    taken = _taken_slugs(articles, wanted)
    for article, item, candidates in zip(articles, items, wanted, strict=True):
        used = taken[article.locale_id]
        free = [slug for slug in candidates if slug not in used]
        if item.data.slug and (not free or free[0] != item.data.slug):
            item.warnings.append(
                _("slug %(slug)r is taken; another one is used") % {"slug": item.data.slug}
            )
        article.slug = free[0] if free else unique_slug(article)
        used.add(article.slug)


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


def _point_at_revisions(articles: list[Article], content_type: ContentType) -> None:
    """Set latest (and live) revision in one UPDATE per state: each article's only
    revision, found by the database (bulk_update's CASE per row costs more)."""
    own_revision = Subquery(
        Revision.objects.filter(
            content_type=content_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    live = [a.pk for a in articles if a.live]
    withheld = [a.pk for a in articles if not a.live]
    if live:
        Article.objects.filter(pk__in=live).update(
            latest_revision=own_revision, live_revision=own_revision
        )
    if withheld:
        Article.objects.filter(pk__in=withheld).update(
            latest_revision=own_revision, live_revision=None
        )


def _record_revisions(
    articles: list[Article], tagged: list[list[ArticleTag]], was_live: list[bool], created: bool
) -> None:
    """One new revision per article, latest (and live when published), and its history."""
    content_type = ContentType.objects.get_for_model(Article, for_concrete_model=False)
    base_type = Article().get_base_content_type()
    relations = [r.get_accessor_name() for r in get_all_child_relations(Article)]
    now = timezone.now()
    revisions = []
    for article, tags in zip(articles, tagged, strict=True):
        # The revision holds the tags just written without reading them back; a new
        # article has no other child rows, an existing one's are read.
        article.tagged_items = tags
        if created:
            for name in relations:
                if name != "tagged_items":
                    setattr(article, name, [])
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=base_type,
                object_id=str(article.pk),
                created_at=now,
                content=article.serializable_data(),
                object_str=str(article),
            )
        )
    Revision.objects.bulk_create(revisions)
    for article, revision in zip(articles, revisions, strict=True):
        article.latest_revision = revision
        article.live_revision = revision if article.live else None
    _point_at_revisions(articles, content_type)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(article.pk),
            label=str(article),
            action=action,
            timestamp=now,
            revision=revision,
            content_changed=True,
        )
        for article, revision, before in zip(articles, revisions, was_live, strict=True)
        for action in log_actions(created=created, live=article.live, was_live=before)
    )
