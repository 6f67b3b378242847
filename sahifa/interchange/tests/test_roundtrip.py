"""import(export()) into an empty database gives back the same articles, and importing
an export again over the same database changes nothing."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from taggit.models import Tag

from sahifa.articles.models import Article, Category
from sahifa.images.models import NewsImage
from sahifa.interchange.exporter import export_ninjs
from sahifa.interchange.importer import import_ninjs
from sahifa.interchange.tests.conftest import jpeg_bytes, lines, ninjs

pytestmark = pytest.mark.django_db

KEY = "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"


def snapshot() -> list[dict]:
    """Every field a reader or an editor sees, per article."""
    rows = []
    for a in Article.objects.select_related("category__locale", "image").order_by("uri"):
        rows.append(
            {
                "uri": a.uri,
                "language": a.locale.language_code,
                "headline": a.headline,
                "social_headline": a.social_headline,
                "lead": a.lead,
                "body": a.body,
                "slug": a.slug,
                "category": (a.category.locale.language_code, a.category.slug, a.category.name),
                "category_code": a.category.code,
                "first_published_at": a.first_published_at,
                "updated_at": a.updated_at,
                "live": a.live,
                "byline": a.byline,
                "top_story": a.is_top_story,
                "source": (a.source_name, a.source_url),
                "views": a.view_count,
                "tags": sorted(a.tags.names()),
                "translation_key": str(a.translation_key),
                "picture": a.image and (a.image.width, a.image.height, a.image.file_hash),
                "caption": a.caption,
                "credit": a.credit,
            }
        )
    return rows


def without_hrefs(exported: list[str]) -> list[dict]:
    """Export lines with picture file links dropped (stored file names may differ)."""
    items = [json.loads(line) for line in exported]
    for item in items:
        for picture in item.get("associations", {}).values():
            picture["renditions"]["original"].pop("href")
    return items


def editor_picture() -> NewsImage:
    image = NewsImage(
        title="Market",
        caption="Chorsu market",
        credit="Newsroom",
        file=ContentFile(jpeg_bytes(40, 30, "maroon"), name="market.jpg"),
    )
    image._set_image_file_metadata()
    image.save()
    return image


def fill_newsroom(picture_server, make_article, make_category) -> None:
    """Articles of every kind: imported with a picture, linked translations, written
    in the newsroom with an uploaded picture, unpublished, coded categories."""
    report = import_ninjs(
        lines(
            ninjs(
                uri="urn:test:en",
                priority=1,
                keywords=["Cotton", "Khorezm"],
                x_sahifa_source_name="Zamin.uz",
                x_sahifa_source_url="https://zamin.uz/1",
                x_sahifa_views=56,
                x_sahifa_translation_key=KEY,
                associations={
                    "featuremedia": {
                        "type": "picture",
                        "uri": "urn:agency:picture:77",
                        "description_text": "Pickers near Urgench",
                        "byline": "A. Karimov",
                        "renditions": {"original": {"href": f"{picture_server.url}/pic/olive.jpg"}},
                    }
                },
            ),
            ninjs(
                uri="urn:test:uz",
                language="uz-Latn",
                headline="Paxta hosili",
                body_html=None,
                body_text="Birinchi xatboshi.\nIkkinchi <xatboshi>.",
                subject=[{"name": "Jahon", "code": "world"}],
                x_sahifa_translation_key=KEY,
            ),
            ninjs(
                uri="urn:test:ru",
                language="ru",
                headline="Снятая новость",
                pubstatus="withheld",
                firstcreated=None,
                subject=[{"name": "В мире", "code": "world"}],
            ),
        )
    )
    assert report.ok and not report.warnings
    article = make_article(
        "Бозорда нархлар",
        language="uz-cyrl",
        category=make_category("uz-cyrl", "iqtisod", "Иқтисод", code="economy"),
        social_headline="Нархлар",
        byline="Мухбир",
        image=editor_picture(),
    )
    article.tags.add("Бозор")
    article.save()


def empty_database() -> None:
    Article.objects.all().delete()
    Category.objects.all().delete()
    NewsImage.objects.all().delete()
    Tag.objects.all().delete()


def test_import_of_an_export_into_an_empty_database_gives_the_same_articles(
    picture_server, make_article, make_category, settings
):
    settings.SAHIFA_BASE_URL = picture_server.url  # the site that serves the media
    fill_newsroom(picture_server, make_article, make_category)
    before = snapshot()
    exported = list(export_ninjs())
    assert len(exported) == len(before) == 4

    empty_database()
    report = import_ninjs(exported, source="export.jsonl")
    assert (report.ok, report.created, report.warnings) == (True, 4, [])
    assert snapshot() == before
    for again, first in zip(
        without_hrefs(list(export_ninjs())), without_hrefs(exported), strict=True
    ):
        assert {k: v for k, v in again.items() if first.get(k) != v} == {}
    hrefs = [
        p["renditions"]["original"]["href"]
        for item in map(json.loads, exported)
        for p in item.get("associations", {}).values()
    ]
    assert hrefs and all(
        h.startswith(f"{picture_server.url}/media/original_images/") for h in hrefs
    )


def test_import_of_an_export_over_the_same_database_changes_nothing(
    picture_server, make_article, make_category
):
    fill_newsroom(picture_server, make_article, make_category)
    before = snapshot()
    pictures = NewsImage.objects.count()
    revisions = {a.pk: a.revisions.count() for a in Article.objects.all()}
    report = import_ninjs(list(export_ninjs()))
    assert (report.ok, report.created, report.updated) == (True, 0, 4)
    assert snapshot() == before
    assert NewsImage.objects.count() == pictures  # found again by their identity
    for article in Article.objects.all():  # each update is one more revision
        assert article.revisions.count() == revisions[article.pk] + 1
