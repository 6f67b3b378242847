"""The real poller against a local server playing recorded feeds: what comes in, with
what attribution, language, times and pictures."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from sahifa.articles.models import Article
from sahifa.sources import polling
from sahifa.sources.models import ItemState, SourceItem

pytestmark = pytest.mark.django_db


def poll_one(source):
    (result,) = polling.poll([source])
    source.refresh_from_db()
    return result


def test_rss_items_become_drafts_with_their_attribution_and_picture(feeds, make_source):
    source = make_source(feeds.play("rss2.xml"), link="https://daryo.example/")
    result = poll_one(source)

    assert not result.error, result.error
    items = {i.guid: i for i in SourceItem.objects.filter(source=source)}
    metro = items["daryo-118204"]
    assert metro.state == ItemState.QUEUED
    article = metro.article
    assert article is not None and not article.live
    assert article.headline == "Toshkentda yangi metro bekati ochildi"
    assert article.source_name == "Daryo"
    assert article.source_url == "https://daryo.example/2026/12/04/metro-bekati"
    assert article.byline == "Aziza Karimova"
    # The hostile markup is gone, the text and the good link stay.
    assert "<script" not in article.body and "<iframe" not in article.body
    assert "onclick" not in article.body and "javascript:" not in article.body
    assert "40 ming" in article.body and 'href="https://tashmetro.example/"' in article.body
    # media:content, relative to the feed, downloaded into the picture library.
    assert article.image is not None and article.image.width == 64
    # The time with its offset (+05:00), as an instant.
    assert metro.published_at == datetime(2026, 12, 4, 4, 0, tzinfo=UTC)


def test_bad_items_get_a_line_each_and_the_good_ones_come_in(feeds, make_source):
    source = make_source(feeds.play("rss2.xml"))
    result = poll_one(source)

    notes = "\n".join(result.outcome.notes)
    assert "Ob-havo" in notes and "no date" in notes
    assert "dated in the future" in notes
    # A picture that cannot be had: the item comes in without it.
    assert "forum.png left out: HTTP 404" in notes
    assert source.last_notes == notes and source.last_error == ""
    undated = SourceItem.objects.get(source=source, headline__startswith="Ob-havo")
    assert abs(undated.published_at - timezone.now()) < timedelta(minutes=1)
    future = SourceItem.objects.get(source=source, guid="daryo-118299")
    assert future.published_at <= timezone.now()
    # Only a script: nothing to publish, so no article (and no half of one).
    assert "Faqat skript: no text left once unsafe markup is removed" in notes
    assert not SourceItem.objects.filter(source=source, guid="daryo-118300").exists()
    assert not Article.objects.filter(headline="Faqat skript").exists()
    assert source.items_taken == Article.objects.filter(source_name="Daryo").count() >= 3


def test_a_published_source_publishes_with_the_feed_time(feeds, make_source):
    source = make_source(feeds.play("atom.xml"), name="Wire", language="en", publish=True)
    poll_one(source)

    article = Article.objects.get(source_name="Wire", headline__startswith="Uzbekistan")
    assert article.live
    assert article.headline == "Uzbekistan & Kazakhstan sign water-sharing deal"
    assert article.first_published_at == datetime(2026, 12, 4, 1, 30, tzinfo=UTC)
    item = SourceItem.objects.get(article=article)
    assert item.state == ItemState.PUBLISHED


def test_json_feed_with_its_image(feeds, make_source):
    source = make_source(feeds.play("feed.json"), name="Kun", language="ru")
    poll_one(source)
    park = Article.objects.get(source_name="Kun", headline="В Ташкенте открылся новый парк")
    assert park.image is not None
    assert park.source_url == "https://kun.example/news/77310"
    rate = Article.objects.get(source_name="Kun", headline="Курс доллара снизился")
    assert "<p>Курс снизился на 15 сумов" in rate.body


@pytest.mark.parametrize("name", ["rss-cp1251.xml", "rss-wrong-encoding.xml"])
def test_windows_1251_feeds_read_right(feeds, make_source, name):
    source = make_source(feeds.play(name), name="Fergana", language="ru")
    result = poll_one(source)
    headlines = set(SourceItem.objects.values_list("headline", flat=True))
    assert "В Фергане отремонтируют двенадцать школ" in headlines
    if "wrong" in name:
        assert "says it is utf-8 but is cp1251" in "\n".join(result.outcome.notes)


def test_gzip_feed(feeds, make_source):
    source = make_source(feeds.play("atom.xml", gzip=True), name="Wire", language="en")
    result = poll_one(source)
    assert result.outcome.taken == 2
    assert "gzip" in feeds.hits("/atom.xml")[0].get("accept-encoding", "")


def test_ninjs_lines_through_the_importer(feeds, make_source):
    source = make_source(feeds.play("ninjs.jsonl"), name="Partner", kind="ninjs")
    result = poll_one(source)
    assert result.outcome.taken == 2
    notes = "\n".join(result.outcome.notes)
    assert "line 3 is not JSON" in notes and "line 4 is not JSON (cut off)" in notes
    festival = Article.objects.get(headline__startswith="Buxoroda")
    # A file: picture link from a partner is never read from this machine's disk.
    assert festival.image is None
    assert festival.source_name == "Partner"
    assert festival.source_url == "https://partner.example/9001"


def test_detected_language(feeds, make_source):
    source = make_source(feeds.play("feed.json"), name="Kun", language="detect")
    poll_one(source)
    languages = set(SourceItem.objects.values_list("language", flat=True))
    assert languages == {"ru"}
    assert {a.locale.language_code for a in Article.objects.all()} == {"ru"}


def test_a_partner_subject_never_makes_a_category(feeds, make_source, make_category):
    from sahifa.articles.models import Category
    from sahifa.sources.tests.conftest import Route

    sport = make_category("uz", "sport", "Sport", code="15000000")
    lines = [
        {"uri": "p:1", "headline": "Terma jamoa gʻalaba qozondi", "language": "uz",
         "subject": [{"name": "Sport", "code": "15000000"}], "body_text": "Hisob 2:1."},
        {"uri": "p:2", "headline": "Yangi rukn", "language": "uz",
         "subject": [{"name": "Mutlaqo yangi rukn"}], "body_text": "Matn."},
    ]  # fmt: skip
    feeds.routes["/p.jsonl"] = Route("\n".join(json.dumps(x) for x in lines).encode())
    source = make_source(feeds.url("/p.jsonl"), name="Partner", kind="ninjs")
    before = Category.objects.count()
    poll_one(source)
    assert Article.objects.get(headline__startswith="Terma").category == sport
    assert Article.objects.get(headline="Yangi rukn").category == source.category
    assert Category.objects.count() == before
