"""The revision and history entries of imported articles, written a run at a time.

A revision holds what `Article.serializable_data()` gives (Wagtail compares, reverts to
and previews revisions from it). Calling that per article costs about 0.4 ms; here the
same dict is built from a plan worked out once per model: the same keys in the same
order and the same values (`tests/test_revisions.py` holds them equal), and fields whose
serialisation is not a plain read go through modelcluster's own function.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.encoding import is_protected_type
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_field_value,
)
from wagtail.models import ModelLogEntry, Revision

from sahifa.articles.bulk.fields import log_actions
from sahifa.articles.bulk.rows import insert_objects, insert_rows, plain_pre_save
from sahifa.articles.models import Article

# How a field's value is read (see `_plan`).
_KEY, _PLAIN, _OTHER = range(3)
LOG_COLUMNS = (
    "content_type_id",
    "object_id",
    "label",
    "action",
    "timestamp",
    "revision_id",
    "content_changed",
)


@cache
def _plan(model: type[Model]) -> list[tuple[str, Field, int, bool]]:
    """(key, field, how to read it, whether `str()` is its `value_to_string`), in the
    order of modelcluster's `get_serializable_data_for_fields`."""
    pk_field = model._meta.pk
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    # `serialize` (a Field constructor argument, kept as an attribute) is not in django-stubs
    serialized = [(f.name, f) for f in model._meta.fields if f.serialize]  # type: ignore[attr-defined]
    entries = [("pk", pk_field), *serialized]
    plan = []
    for key, field in entries:
        if field.remote_field is not None:
            how = _KEY
        elif plain_pre_save(field):
            how = _PLAIN
        else:
            how = _OTHER
        plain_str = type(field).value_to_string is Field.value_to_string
        plan.append((key, field, how, plain_str))
    return plan


def _utc(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(datetime.UTC)
    return timezone.localtime(value, datetime.UTC)


def field_data(obj: Any, model: type[Model] | None = None) -> dict[str, Any]:
    """`get_serializable_data_for_fields(obj)`. ``obj`` may be any object with the
    model's attribute names (and ``pk``) when ``model`` is given."""
    model = model or cast("type[Model]", type(obj))
    use_tz = settings.USE_TZ
    data: dict[str, Any] = {}
    for key, field, how, plain_str in _plan(model):
        if how == _KEY:
            data[key] = getattr(obj, field.attname)
            continue
        if how == _OTHER:
            data[key] = get_field_value(field, obj)
            continue
        value = getattr(obj, field.attname)
        if use_tz and isinstance(value, datetime.datetime):
            value = _utc(value)
        if not is_protected_type(value) and not (plain_str and type(value) is str):
            value = field.value_to_string(obj)
        data[key] = value
    return data


def content(obj: Model, children: dict[str, Sequence[Any]]) -> dict[str, Any]:
    """`obj.serializable_data()` with its child rows given (every child relation)."""
    data = field_data(obj)
    for rel in get_all_child_relations(type(obj)):
        name = rel.get_accessor_name()
        if hasattr(rel.related_model, "serializable_data"):
            data[name] = [child.serializable_data() for child in children[name]]
        else:
            data[name] = [field_data(child, rel.related_model) for child in children[name]]
    for field in get_all_child_m2m_relations(type(obj)):
        if field.serialize:
            data[field.name] = [child.pk for child in getattr(obj, field.name).all()]
    return data


def stored_children(articles: Sequence[Article], skip: str) -> list[dict[str, Sequence[Any]]]:
    """Each article's child rows as the database has them (one query per relation but
    ``skip``), in the order the relation gives them."""
    found: list[dict[str, Sequence[Any]]] = [{} for _ in articles]
    position = {a.pk: n for n, a in enumerate(articles)}
    for rel in get_all_child_relations(Article):
        name = rel.get_accessor_name()
        if name == skip:
            continue
        by_parent: dict[Any, list[Model]] = defaultdict(list)
        attname = rel.field.attname
        for child in rel.related_model._default_manager.filter(**{f"{attname}__in": position}):
            by_parent[getattr(child, attname)].append(child)
        for article, rows in zip(articles, found, strict=True):
            rows[name] = by_parent.get(article.pk, [])
    return found


def record_revisions(
    articles: Sequence[Article],
    children: Sequence[dict[str, Sequence[Any]]],
    was_live: Sequence[bool],
    created: bool,
) -> list[Revision]:
    """One new revision per article (its latest, and live when it is published) and
    the history entries an editor would leave; sets the articles' revision pointers,
    which the caller writes."""
    content_type = ContentType.objects.get_for_model(Article, for_concrete_model=False)
    base_type = Article().get_base_content_type()
    now = timezone.now()
    labels = [str(a) for a in articles]
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(article.pk),
            created_at=now,
            content=content(article, rows),
            object_str=label,
        )
        for article, rows, label in zip(articles, children, labels, strict=True)
    ]
    revisions = insert_objects(revisions)
    for article, revision in zip(articles, revisions, strict=True):
        article.latest_revision = revision
        article.live_revision = revision if article.live else None
    log = [
        (content_type.pk, str(article.pk), label, action, now, revision.pk, True)
        for article, revision, label, before in zip(
            articles, revisions, labels, was_live, strict=True
        )
        for action in log_actions(created=created, live=article.live, was_live=before)
    ]
    insert_rows(ModelLogEntry, LOG_COLUMNS, log)
    return revisions
