"""rows.py writes what Django's bulk_create and update would, in fewer statements."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, ModelLogEntry

from sahifa.articles.bulk.revisions import LOG_COLUMNS
from sahifa.articles.bulk.rows import insert_objects, insert_rows, plain_types, update_objects
from sahifa.articles.models import Article

pytestmark = pytest.mark.django_db

TASHKENT = timezone(timedelta(hours=5))
WHEN = datetime(2025, 3, 1, 10, 15, 30, 250000, tzinfo=TASHKENT)


def article(category, uri: str) -> Article:
    return Article(
        uri=uri,
        slug=uri,
        headline="Cotton harvest begins",
        lead="Pickers are out.",
        body="<p>Early.</p>",
        locale=Locale.objects.get(language_code="en"),
        category=category,
        live=True,
        first_published_at=WHEN,
        last_published_at=WHEN + timedelta(minutes=5),
        updated_at=WHEN,
        view_count=7,
        is_top_story=True,
    )


def test_insert_objects_writes_the_rows_bulk_create_writes(make_category):
    category = make_category("en")
    theirs, ours = article(category, "theirs"), article(category, "ours")
    Article.objects.bulk_create([theirs])
    (ours,) = insert_objects([ours])
    # Saved as if loaded from the database: a later save() updates the row.
    assert ours.pk and not ours._state.adding and ours._state.db == "default"
    assert ours.category == category
    rows = {a["uri"]: a for a in Article.objects.values()}
    differ = {"id", "uri", "slug", "translation_key"}

    def same(row):
        return {k: v for k, v in row.items() if k not in differ}

    assert same(rows["ours"]) == same(rows["theirs"])
    assert rows["ours"]["translation_key"] == ours.translation_key
    assert rows["ours"]["first_published_at"] == WHEN.astimezone(UTC)


def test_insert_rows_fills_defaults_and_returns_keys_in_order():
    content_type = ContentType.objects.get_for_model(Article)
    rows = [
        (content_type.pk, str(n), f"label {n}", "wagtail.edit", WHEN, None, True)
        for n in range(500)
    ]
    with CaptureQueriesContext(connection) as queries:
        ids = insert_rows(ModelLogEntry, LOG_COLUMNS, rows, return_ids=True)
    # As many rows a statement as the database takes: on SQLite 999 values, 90 rows of
    # 11 columns; PostgreSQL takes all.
    assert len(queries) == (6 if connection.vendor == "sqlite" else 1)
    entries = ModelLogEntry.objects.in_bulk(ids)
    assert [entries[pk].object_id for pk in ids] == [str(n) for n in range(500)]
    entry = entries[ids[0]]
    assert (entry.data, entry.uuid, entry.user_id, entry.deleted) == ({}, None, None, False)
    assert entry.timestamp == WHEN


def test_values_of_another_type_are_prepared_by_their_field():
    content_type = ContentType.objects.get_for_model(Article)
    row = (content_type.pk, 42, "label", "wagtail.edit", WHEN, None, 1)
    (pk,) = insert_rows(ModelLogEntry, LOG_COLUMNS, [row], return_ids=True)
    entry = ModelLogEntry.objects.get(pk=pk)
    assert (entry.object_id, entry.content_changed) == ("42", True)


def test_only_fields_that_prepare_as_their_base_are_plain():
    class Shouting(models.CharField):
        def get_prep_value(self, value):
            return super().get_prep_value(value).upper()

    assert plain_types(models.CharField(max_length=5)) == (str,)
    assert plain_types(Shouting(max_length=5)) == ()
    assert plain_types(Article._meta.get_field("category")) == (int,)
    assert plain_types(Article._meta.get_field("first_published_at")) == ()
    assert plain_types(Article._meta.get_field("translation_key")) == ()


def test_update_objects_writes_the_named_fields_only(make_category):
    first, second = article(make_category("en"), "a"), article(make_category("en"), "b")
    first, second = insert_objects([first, second])
    first.headline, first.updated_at, first.lead = "Harvest ends", WHEN + timedelta(days=1), "x"
    second.headline, second.translation_key = "Harvest stops", uuid.uuid4()
    update_objects([first, second], ["headline", "updated_at", "translation_key"])
    a, b = Article.objects.get(uri="a"), Article.objects.get(uri="b")
    assert (a.headline, a.updated_at, a.lead) == (
        "Harvest ends",
        WHEN + timedelta(days=1),
        "Pickers are out.",
    )
    assert (b.headline, b.translation_key) == ("Harvest stops", second.translation_key)
