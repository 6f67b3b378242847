"""Every way an article changes goes through `actions` and has the same effects: one
change event after the commit, one similar-news job, its language's blocks renewed
once (and no other language's)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ENQUEUED

from sahifa.articles import actions
from sahifa.articles.events import ARTICLE, CATEGORY, Action, content_changed
from sahifa.articles.models import Article
from sahifa.core import blocks

pytestmark = pytest.mark.django_db
SIMILAR_JOBS = {"refresh_similar_of", "rebuild_languages"}
LISTS_SCOPE = "similar"  # the scope of the pages' similar lists (sahifa.related)


class Effects:
    """What a write set off: events heard, jobs queued, block scopes renewed."""

    def __init__(self) -> None:
        self.events: list = []
        self.jobs: Counter[str] = Counter()
        self.before = blocks.generations(blocks.all_scopes())

    def renewed(self) -> dict[str, int]:
        """Scopes renewed, but the similar lists' (`lists_renewed`)."""
        after = blocks.generations(blocks.all_scopes())
        changed = {s: after[s] - self.before[s] for s in after if after[s] != self.before[s]}
        changed.pop(LISTS_SCOPE, None)
        return changed

    def lists_renewed(self) -> bool:
        """The similar-news jobs stored lists: the pages' lists are built again."""
        return blocks.generations([LISTS_SCOPE]) != {LISTS_SCOPE: self.before[LISTS_SCOPE]}

    def similar_jobs(self) -> int:
        return sum(n for name, n in self.jobs.items() if name in SIMILAR_JOBS)


@pytest.fixture
def effects(django_capture_on_commit_callbacks):
    """Runs the block in a committing transaction and records what it set off."""
    from contextlib import contextmanager

    @contextmanager
    def watch():
        seen = Effects()

        def heard(sender, event, **kwargs):
            seen.events.append(event)

        def queued(signal, task, *args):
            seen.jobs[task.name] += 1

        content_changed.connect(heard)
        HUEY.signal(SIGNAL_ENQUEUED)(queued)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                yield seen
        finally:
            content_changed.disconnect(heard)
            HUEY.disconnect_signal(queued, SIGNAL_ENQUEUED)

    return watch


def draft(make_article, **kw) -> Article:
    return make_article(live=False, **kw)


def assert_one_english_publish(seen, via: str, action: Action = Action.PUBLISHED) -> None:
    own = [e for e in seen.events if e.via == via]
    assert len(own) == 1, seen.events
    (change,) = own[0].of(ARTICLE)
    assert (change.language, change.action) == ("en", action)
    assert seen.similar_jobs() == 1
    assert seen.renewed() == {"articles:en": 1}
    assert seen.lists_renewed()


def test_newsroom_publish(effects, make_category, client, admin_user):
    """Through the admin's own form: the save and the publish are one event."""
    from django.urls import reverse

    from sahifa.articles.tests.test_newsroom import NS, PUBLISH, article_form, upload_image

    client.force_login(admin_user)
    category = make_category("en", "uzbekistan", "Uzbekistan")
    image = upload_image(client)
    with effects() as seen:
        form = article_form(category, image, **PUBLISH)
        response = client.post(reverse(f"{NS}:add") + "?locale=en", form)
    assert response.status_code == 302
    assert_one_english_publish(seen, actions.ADMIN)
    assert Article.objects.get(headline="Metro line opens to the airport").live

    article = Article.objects.get(headline="Metro line opens to the airport")
    with effects() as seen:
        response = client.post(reverse(f"{NS}:unpublish", args=[article.pk]))
    assert response.status_code == 302
    assert_one_english_publish(seen, actions.ADMIN, Action.UNPUBLISHED)


def test_import(effects, make_category):
    from sahifa.interchange.importer import import_ninjs
    from sahifa.interchange.tests.conftest import lines, ninjs

    make_category("en", "world")
    with effects() as seen:
        report = import_ninjs(lines(ninjs(uri="a")), source="t")
    assert report.ok, report.errors
    assert_one_english_publish(seen, actions.IMPORT)


def test_scheduled_publishing_and_expiry(effects, make_article):
    article = draft(make_article)
    article.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = article.save_revision()
    with effects() as seen:
        actions.publish(revision, via=actions.ADMIN)
    assert seen.events[0].of(ARTICLE)[0].action is Action.DRAFTED  # scheduled: not public
    assert seen.similar_jobs() == 0 and seen.renewed() == {}

    with time_machine.travel(timezone.now() + timedelta(minutes=6)), effects() as seen:
        assert actions.publish_due() == 1
    assert_one_english_publish(seen, actions.SCHEDULE)

    Article.objects.filter(pk=article.pk).update(expire_at=timezone.now() + timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=2)), effects() as seen:
        assert actions.expire_due() == 1
    assert_one_english_publish(seen, actions.SCHEDULE, Action.UNPUBLISHED)
    assert not Article.objects.get(pk=article.pk).live


def test_delete(effects, make_article):
    article = make_article()
    with effects() as seen:
        actions.delete([article], via=actions.ADMIN)
    assert_one_english_publish(seen, actions.ADMIN, Action.DELETED)


def test_latin_publish_writes_its_cyrillic_edition_as_a_change_of_its_own(
    effects, make_article, make_category
):
    article = draft(make_article, language="uz", category=make_category("uz", "jahon"))
    with effects() as seen:
        actions.publish(article.save_revision(), via=actions.ADMIN)
    by_via = {e.via: e for e in seen.events}
    assert [c.language for c in by_via[actions.ADMIN].of(ARTICLE)] == ["uz"]
    cyrillic = by_via[actions.CYRILLIC]
    assert {(c.kind, c.language, c.action) for c in cyrillic.changes} == {
        (CATEGORY, "uz-cyrl", Action.PUBLISHED),
        (ARTICLE, "uz-cyrl", Action.PUBLISHED),
    }
    # One similar-news job per changed article, one Cyrillic job.
    assert seen.jobs["refresh_similar_of"] == 2
    assert seen.jobs["sync_cyrillic_of"] == 1
    assert seen.renewed() == {"articles:uz": 1, "articles:uz-cyrl": 1, "categories:uz-cyrl": 1}


def test_an_import_of_500_lines_is_one_event(effects, make_category):
    from sahifa.interchange.importer import import_ninjs
    from sahifa.interchange.tests.conftest import ninjs

    make_category("en", "world")
    items = [ninjs(uri=f"u{n}", headline=f"Story {n}") for n in range(500)]
    with effects() as seen:
        report = import_ninjs([json.dumps(i) for i in items], source="t")
    assert report.created == 500
    (event,) = seen.events
    assert len(event.of(ARTICLE, [Action.PUBLISHED])) == 500
    assert seen.jobs["rebuild_languages"] == 1 and seen.similar_jobs() == 1
    assert seen.renewed() == {"articles:en": 1}


def test_a_draft_save_changes_nothing_readers_see(effects, make_article):
    article = make_article()
    article.headline = "Not yet"
    with effects() as seen:
        actions.save_draft(article, via=actions.ADMIN)
    assert seen.events[0].of(ARTICLE)[0].action is Action.DRAFTED
    assert seen.similar_jobs() == 0 and seen.renewed() == {}


def test_a_weather_reading_and_a_new_picture_size_renew_only_their_own(effects):
    from wagtail.images.tests.utils import get_test_image_file

    from sahifa.images import renditions
    from sahifa.images.models import NewsImage
    from sahifa.weather.models import Observation

    with effects() as seen:
        Observation.objects.create(
            city="tashkent", temperature=20, weather_code=0, wind_speed=1, wind_direction=0,
            observed_at=timezone.now(), fetched_at=timezone.now(),
        )  # fmt: skip
    assert set(seen.renewed()) == {"weather"}
    image = NewsImage.objects.create(title="x", file=get_test_image_file())
    with effects() as seen:
        image.get_rendition(renditions.CARD)
    assert seen.renewed() == {}


def test_a_page_reads_the_generations_once(client, make_article, monkeypatch):
    article = make_article()
    client.get(article.get_url())  # warm: blocks built
    reads = []
    generations = caches[settings.SAHIFA_GENERATIONS_ALIAS]
    get_many = generations.get_many

    def counting(keys, *args, **kwargs):
        reads.append([k for k in keys if k.startswith("blocks:generation:")])
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(generations, "get_many", counting)
    assert client.get(article.get_url()).status_code == 200
    assert len([r for r in reads if r]) == 1
