"""Many rows in few statements, without the per-value machinery of `bulk_create`.

`bulk_create` spends most of an import's database time compiling values one by one
(about 70 µs for a history entry's row); here each column gets one preparer, worked out
once per model, that hands values of the expected type (str for text, int for numbers
and keys, bool) to the database as they are, and everything else (dates, JSON, UUIDs,
or an unexpected type) through the field's own `get_db_prep_save`, as Django would.
Values are taken as given: unlike `Model.save` there is no `pre_save` except where a
field has its own (`auto_now`), no signals and no validation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, partial
from operator import attrgetter
from typing import Any, TypeVar, cast

from django.db import connections
from django.db.models import (
    AutoField,
    BigAutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    IntegerField,
    Model,
    SmallAutoField,
    TextField,
)
from django.db.models.fields.related import RelatedField

# Field classes whose preparation leaves values of these types unchanged (checked
# against the field's own class, so a subclass that prepares differently is not plain).
_PLAIN_TYPES: tuple[tuple[type[Field], tuple[type, ...]], ...] = (
    (CharField, (str,)),
    (TextField, (str,)),
    (BooleanField, (bool,)),
    (IntegerField, (int,)),
)
_AUTO_FIELDS = (AutoField, BigAutoField, SmallAutoField)
_PREP_METHODS = ("get_prep_value", "get_db_prep_value", "get_db_prep_save")
M = TypeVar("M", bound=Model)
# PostgreSQL takes at most 65,535 parameters a statement.
_MAX_PARAMS = 65_535


def plain_types(field: Field) -> tuple[type, ...]:
    """The value types the field hands to the database unchanged; () when none are."""
    if field.remote_field is not None:
        # a relation's field: django-stubs has `target_field` only on ForeignObject
        target = field.target_field  # type: ignore[attr-defined]
        return (int,) if isinstance(target, _AUTO_FIELDS) else plain_types(target)
    if isinstance(field, _AUTO_FIELDS):
        return (int,)
    for base, types in _PLAIN_TYPES:
        if isinstance(field, base):
            own = type(field)
            same = all(getattr(own, m) is getattr(base, m) for m in _PREP_METHODS)
            return types if same else ()
    return ()


def plain_pre_save(field: Field) -> bool:
    """True when the field's `pre_save` just reads the attribute."""
    pre_save = type(field).pre_save
    if pre_save is Field.pre_save:
        return True
    dated = pre_save in (DateField.pre_save, DateTimeField.pre_save)
    if not dated:
        return False
    # its pre_save is DateField's or DateTimeField's, so it is a DateField
    date_field = cast(DateField, field)
    return not date_field.auto_now and not date_field.auto_now_add


def _preparer(field: Field, connection: Any) -> Callable[[Any], Any]:
    full = partial(field.get_db_prep_save, connection=connection)
    if isinstance(field, DateTimeField):
        # The same moments recur (a run's revision and history times, an article's
        # update and publication times); equal moments are stored alike.
        seen: dict[Any, Any] = {}

        def moment(value: Any) -> Any:
            if value not in seen:
                seen[value] = full(value)
            return seen[value]

        return moment
    types = plain_types(field)
    if not types:
        return full

    def prepare(value: Any) -> Any:
        return value if value is None or type(value) in types else full(value)

    return prepare


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


@cache
def _layout(model: type[Model], attnames: tuple[str, ...]) -> tuple[list[Field], list]:
    """The fields of ``attnames``, then the other columns (but the automatic primary
    key) with their default makers, as a new instance would have them."""
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = [by_attname[a] for a in attnames]
    rest = [f for f in meta.concrete_fields if f.attname not in attnames and f is not meta.pk]
    defaults = [f.get_default if callable(f.default) else _constant(f.get_default()) for f in rest]
    return given + rest, defaults


def insert_rows(
    model: type[Model],
    attnames: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    return_ids: bool = False,
    using: str = "default",
) -> list[Any]:
    """Insert ``rows`` (values of ``attnames``, in that order) into ``model``'s table,
    in statements of as many rows as the database takes; with ``return_ids``, the new
    primary keys in the order of ``rows``."""
    if not rows:
        return []
    connection = connections[using]
    fields, defaults = _layout(model, tuple(attnames))
    preparers = [_preparer(f, connection) for f in fields]
    meta, ops = model._meta, connection.ops
    per_statement = min(ops.bulk_batch_size(fields, rows) or len(rows), _MAX_PARAMS // len(fields))
    returning = ""
    if return_ids:
        if not connection.features.can_return_rows_from_bulk_insert:
            raise NotImplementedError("the database cannot return the keys of new rows")
        # not in django-stubs' BaseDatabaseOperations (backends that return rows have it)
        returning = " " + ops.return_insert_columns([meta.pk])[0]  # type: ignore[attr-defined]
    head = "INSERT INTO {} ({}) VALUES ".format(
        ops.quote_name(meta.db_table), ", ".join(ops.quote_name(_column(f)) for f in fields)
    )
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params: list[Any] = []
            for row in chunk:
                values = [*row, *(default() for default in defaults)]
                params.extend(prepare(v) for prepare, v in zip(preparers, values, strict=True))
            cursor.execute(head + ", ".join([row_sql] * len(chunk)) + returning, params)
            if return_ids:
                # not in django-stubs' BaseDatabaseOperations, as above
                rows_back = ops.fetch_returned_insert_rows(cursor)  # type: ignore[attr-defined]
                ids.extend(r[0] for r in rows_back)
    return ids


def insert_objects(objs: Sequence[M], using: str = "default") -> list[M]:
    """`bulk_create` for new instances of one model with an automatic primary key:
    inserts them and returns them saved, as the database would load them
    (`Model.from_db`), keeping the related objects the given ones hold."""
    if not objs:
        return []
    model = type(objs[0])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.pk]
    readers = [
        attrgetter(f.attname) if plain_pre_save(f) else partial(_pre_save, f) for f in fields
    ]
    # concrete relations are related fields (ForeignKey and the like)
    relations = [cast("RelatedField[Any, Any]", f) for f in fields if f.is_relation]
    for obj in objs:
        _check_related_saved(obj, relations)
    rows = [[read(obj) for read in readers] for obj in objs]
    attnames = [f.attname for f in fields]
    ids = insert_rows(model, attnames, rows, return_ids=True, using=using)
    saved = []
    for obj, row, pk in zip(objs, rows, ids, strict=True):
        new = model.from_db(using, [meta.pk.attname, *attnames], [pk, *row])
        for field in relations:
            if field.is_cached(obj):
                field.set_cached_value(new, field.get_cached_value(obj))
        saved.append(new)
    return saved


def _check_related_saved(obj: Model, relations: list[RelatedField[Any, Any]]) -> None:
    """As `save` does: a related object given before it was saved has no key to store."""
    for field in relations:
        if field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and related.pk is None:
                raise ValueError(f"{field.name} of {obj!r} is not saved yet")


def _column(field: Field) -> str:
    assert field.column is not None  # concrete fields have a column
    return field.column


def _pre_save(field: Field, obj: Model) -> Any:
    return field.pre_save(obj, add=True)


def update_objects(objs: Sequence[Model], attnames: Sequence[str], using: str = "default") -> None:
    """Write ``attnames`` of saved instances of one model: one UPDATE by primary key,
    run for all of them (the values as the instances hold them)."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[a] for a in attnames]
    connection = connections[using]
    quote = connection.ops.quote_name
    preparers = [_preparer(f, connection) for f in fields]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(_column(f))} = %s" for f in fields),
        quote(_column(meta.pk)),
    )
    params = [
        [prepare(getattr(obj, f.attname)) for prepare, f in zip(preparers, fields, strict=True)]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
