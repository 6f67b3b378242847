"""Revisions of imported articles hold exactly what Wagtail stores for an article
(`serializable_data()`), so the newsroom compares, reverts to and previews them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision

from sahifa.articles.bulk.revisions import content, field_data
from sahifa.articles.models import Article
from sahifa.demo.editors import ensure_editor
from sahifa.interchange.importer import import_ninjs
from sahifa.interchange.tests.conftest import jpeg_bytes, lines, ninjs
from sahifa.related.models import RelatedPin

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_articles_article"
TASHKENT = timezone(timedelta(hours=5))


def full(uri: str, **fields) -> dict:
    """A line with every field the importer reads, its picture beside the file."""
    item = ninjs(
        uri=uri,
        headline=f"Cotton harvest {uri} begins",
        description_text="Pickers are out in the fields.",
        body_html="<p>The harvest <b>started</b> early.</p><p><a href='https://a.example'>x</a></p>",
        keywords=["Cotton", "Harvest", "Xorazm"],
        priority=1,
        byline="Staff reporter",
        x_sahifa_source_name="Zamin.uz",
        x_sahifa_source_url="https://zamin.uz/news/1",
        x_sahifa_views=56,
        x_sahifa_slug=f"cotton-{uri}",
        x_sahifa_social_headline="Cotton: the harvest begins",
        x_sahifa_translation_key=str(uuid.uuid4()),
        associations={
            "featuremedia": {
                "type": "picture",
                "uri": "urn:test:picture:cotton",
                "description_text": "Pickers near Urgench",
                "byline": "A. Karimov",
                "renditions": {"original": {"href": "cotton.jpg"}},
            }
        },
    )
    item.update(fields)
    return item


def import_file(tmp_path: Path, *items: dict):
    (tmp_path / "cotton.jpg").write_bytes(jpeg_bytes())
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(lines(*items)), encoding="utf-8")
    report = import_ninjs(source.read_text(encoding="utf-8").splitlines(), source=str(source))
    assert report.ok, report.errors
    return report


def what_wagtail_stores(article: Article, latest: int | None, live: int | None) -> dict:
    """The article as read back, serialised as Wagtail does when an editor saves it,
    with the revision pointers it had before the import wrote this revision."""
    fresh = Article.objects.get(pk=article.pk)
    fresh.latest_revision_id, fresh.live_revision_id = latest, live
    return json.loads(json.dumps(fresh.serializable_data(), cls=DjangoJSONEncoder))


def test_new_articles_revisions_are_what_wagtail_stores(tmp_path):
    import_file(
        tmp_path,
        full("a"),
        full("b", pubstatus="withheld", keywords=[]),
        ninjs(uri="c", headline="Plain line", language="ru"),
    )
    for article in Article.objects.all():
        assert article.revisions.count() == 1
        revision = article.latest_revision
        assert revision.content == what_wagtail_stores(article, None, None)
        assert revision.object_str == article.headline
        assert (revision.as_object().headline, revision.as_object().pk) == (
            article.headline,
            article.pk,
        )
    a = Article.objects.get(uri="a")
    assert a.image and len(a.latest_revision.content["tagged_items"]) == 3
    assert a.latest_revision.content["image"] == a.image_id


def test_updated_articles_revisions_keep_their_other_child_rows(tmp_path, make_article):
    import_file(tmp_path, full("a"), full("b"))
    a, b = Article.objects.get(uri="a"), Article.objects.get(uri="b")
    other = make_article(language="en")
    RelatedPin.objects.create(article=a, target=b, sort_order=1)
    RelatedPin.objects.create(article=a, target=other, sort_order=0)
    before = {x.pk: (x.latest_revision_id, x.live_revision_id) for x in (a, b)}
    import_file(
        tmp_path,
        full("a", headline="Cotton harvest ends", keywords=["Cotton", "Yield"]),
        full("b", pubstatus="withheld"),
    )
    for article in Article.objects.filter(uri__in=["a", "b"]):
        assert article.revisions.count() == 2
        stored = article.latest_revision.content
        assert stored == what_wagtail_stores(article, *before[article.pk])
    a.refresh_from_db()
    pins = a.latest_revision.content["related_pins"]
    assert [p["target"] for p in pins] == [other.pk, b.pk]
    assert [t["tag"] for t in a.latest_revision.content["tagged_items"]] == list(
        a.tagged_items.values_list("tag_id", flat=True)
    )


def test_content_is_serializable_data_byte_for_byte(tmp_path, make_article, django_user_model):
    """In memory too: every kind of field (keys, dates in another zone, UUID, text,
    numbers, booleans), with tags and pins, in the same key order."""
    import_file(tmp_path, full("a"))
    article = Article.objects.get(uri="a")
    RelatedPin.objects.create(article=article, target=make_article(language="en"), sort_order=0)
    article = Article.objects.get(uri="a")
    article.locked, article.locked_by = True, django_user_model.objects.create(username="ed")
    article.locked_at = datetime(2025, 3, 1, 12, 30, 15, 123456, tzinfo=TASHKENT)
    article.go_live_at = datetime(2025, 3, 2, 8, 0, tzinfo=UTC)
    children = {
        "tagged_items": list(article.tagged_items.all()),
        "related_pins": list(article.related_pins.all()),
    }
    ours = content(article, children)
    theirs = article.serializable_data()
    assert json.dumps(ours, cls=DjangoJSONEncoder) == json.dumps(theirs, cls=DjangoJSONEncoder)
    assert ours == theirs and list(ours) == list(theirs)
    assert ours["locked_at"] == datetime(2025, 3, 1, 7, 30, 15, 123456, tzinfo=UTC)
    assert isinstance(ours["translation_key"], str)
    # Child rows may be given as plain objects with the model's attribute names.
    tag = children["tagged_items"][0]
    plain = type("Row", (), {"pk": tag.pk, "id": tag.pk, "tag_id": tag.tag_id})()
    plain.content_object_id = article.pk
    assert field_data(plain, type(tag)) == field_data(tag)


def test_history_lists_the_import_and_wagtail_compares_and_reverts(tmp_path, client, settings):
    settings.VAR_DIR = tmp_path
    import_file(tmp_path, full("a"))
    import_file(tmp_path, full("a", headline="Cotton harvest ends"))
    article = Article.objects.get(uri="a")
    first, second = article.revisions.order_by("pk")
    actions = ModelLogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")
    assert [(e.action, e.revision_id) for e in actions] == [
        ("wagtail.create", first.pk),
        ("wagtail.publish", first.pk),
        ("wagtail.publish", second.pk),
    ]
    credentials = ensure_editor()
    assert client.login(username=credentials.username, password=credentials.password)
    compare = reverse(f"{NS}:revisions_compare", args=[article.pk, first.pk, second.pk])
    response = client.get(compare)
    assert response.status_code == 200
    diff = '<span class="deletion">a begins</span><span class="addition">ends</span>'
    assert diff in response.content.decode()
    assert (
        client.get(reverse(f"{NS}:revisions_view", args=[article.pk, first.pk])).status_code == 200
    )
    revert = client.get(reverse(f"{NS}:revisions_revert", args=[article.pk, first.pk]))
    assert revert.status_code == 200
    assert "Cotton harvest a begins" in revert.content.decode()
    assert Revision.objects.filter(object_id=str(article.pk)).count() == 2
