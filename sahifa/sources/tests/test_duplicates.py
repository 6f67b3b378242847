"""No item twice: not on the next poll, not with a changed headline, not when two polls
overlap (the database's unique key decides); the same story from two sources, even
in the other Uzbek script, is a duplicate of the first and gets no second article."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection

from sahifa.articles.models import Article
from sahifa.languages.transliteration import latin_to_cyrillic
from sahifa.sources import dupes, polling, readers, taking
from sahifa.sources.items import prepare
from sahifa.sources.models import ItemState, Source, SourceItem
from sahifa.sources.tests.conftest import FEEDS, Route

STORY = (
    "Toshkent shahrida yangi zamonaviy shifoxona foydalanishga topshirildi. Shifoxona "
    "kuniga besh yuz nafar bemorni qabul qilish imkoniyatiga ega bo‘lib, unda yuqori "
    "malakali shifokorlar faoliyat yuritadi. Qurilish ishlari ikki yil davom etgan va "
    "loyihaga xorijiy investorlar ham jalb qilingan, deya xabar berdi sog‘liqni saqlash "
    "vazirligi matbuot xizmati."
)
OTHER = (
    "Samarqand viloyatida qishloq xo‘jaligi mahsulotlari eksporti o‘tgan yilga nisbatan "
    "sezilarli darajada oshdi. Fermerlar asosan meva va sabzavotlarni qo‘shni davlatlarga "
    "jo‘natmoqda, bu esa viloyat iqtisodiyotiga qo‘shimcha daromad keltirmoqda."
)


def json_feed(*items: tuple[str, str, str]) -> bytes:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "feed",
        "items": [{"id": i, "title": t, "content_text": text,
                   "date_published": "2026-12-04T09:00:00+05:00"} for i, t, text in items],
    }).encode()  # fmt: skip


@pytest.mark.django_db
def test_the_same_story_from_another_source_is_a_duplicate(feeds, make_source):
    feeds.routes["/a.json"] = Route(json_feed(("a1", "Yangi shifoxona", STORY)))
    edited = STORY.replace("besh yuz", "500").replace("deya xabar berdi", "dedi")
    cyrillic = latin_to_cyrillic(edited)
    feeds.routes["/b.json"] = Route(
        json_feed(("b1", latin_to_cyrillic("Poytaxtda shifoxona ochildi"), cyrillic),
                  ("b2", "Eksport oshdi", OTHER))
    )  # fmt: skip
    first = make_source(feeds.url("/a.json"), name="A")
    second = make_source(feeds.url("/b.json"), name="B", language="uz-cyrl", publish=True)
    polling.poll([first])
    polling.poll([second])

    original = SourceItem.objects.get(source=first, guid="a1")
    copy = SourceItem.objects.get(source=second, guid="b1")
    assert copy.state == ItemState.DUPLICATE and copy.duplicate_of == original
    assert copy.article is None
    # Published at once is not published twice: only the other story went live.
    assert list(Article.objects.filter(live=True).values_list("headline", flat=True)) == [
        "Eksport oshdi"
    ]
    assert SourceItem.objects.get(guid="b2").state == ItemState.PUBLISHED


def test_the_folding_makes_both_scripts_one_text():
    latin = dupes.signature("uz", STORY)
    assert dupes.similarity(latin, dupes.signature("uz-cyrl", latin_to_cyrillic(STORY))) > 0.9
    assert dupes.similarity(latin, dupes.signature("uz", OTHER)) < 0.1


@pytest.mark.django_db
def test_the_next_poll_and_a_changed_headline_take_nothing_again(feeds, make_source):
    source = make_source(feeds.play("rss2.xml"))
    polling.poll([source])
    taken = Article.objects.count()
    changed = (
        (FEEDS / "rss2.xml")
        .read_bytes()
        .replace(
            b"Toshkentda yangi metro bekati ochildi", b"Toshkentda yana bir metro bekati ochildi"
        )
    )
    feeds.routes["/rss2.xml"] = Route(changed)
    source.refresh_from_db()
    (result,) = polling.poll([source], force=True)
    assert result.outcome.new == 0 and result.outcome.taken == 0
    assert Article.objects.count() == taken


def run_together(count: int, work) -> list:
    """``work()`` in ``count`` threads started at the same moment; their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_polls_take_each_item_once(feeds, make_source, settings):
    # The feed answers slowly (about 3 s for its two kilobytes), so the two polls overlap
    # however the threads are scheduled on a busy machine.
    settings.SAHIFA_SOURCES_TIMEOUT = 10.0
    source = make_source(feeds.play("atom.xml", delay=1.5), name="Wire", language="en")

    # Two workers poll at once: one holds the source, the other leaves it.
    results = run_together(2, lambda: polling.poll([Source.objects.get(pk=source.pk)]))
    assert sorted(len(r) for r in results) == [0, 1]

    # Even past the hold (a stale lease, a forced poll), the database decides.
    feeds.play("feed.json", path="/atom.xml")
    source = Source.objects.get(pk=source.pk)
    content = (FEEDS / "feed.json").read_bytes()
    candidates = [prepare(source, e, source.url) for e in readers.read("json", content).entries]
    outcomes = run_together(2, lambda: taking.take(source, candidates, dupes.Index()))
    assert sorted(o.new for o in outcomes) == [0, 2]
    assert SourceItem.objects.filter(source=source).count() == 4
    assert Article.objects.filter(source_name="Wire").count() == 4
