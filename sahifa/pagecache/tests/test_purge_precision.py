"""A change purges exactly the pages that show it (its page, every list, rail and similar
block that links it, its translations' pages) and the pages it may enter: the first page
of its category, latest and home, the language's feeds and sitemaps. Nothing else: not
the other languages, not the lists and articles that do not show it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from sahifa.articles import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(page_cache, make_article, make_category, settings):
    """Two languages, two sections each, a few articles, a pair of translations and a
    second page of latest news."""
    settings.SAHIFA_PAGE_SIZE = 2
    key = uuid.uuid4()
    made = {}
    for code in ("en", "ru"):
        world, sport = make_category(code, "world"), make_category(code, "sport")
        made[code] = {
            "world": world,
            "sport": sport,
            "story": make_article(f"{code} story", language=code, category=world,
                                  translation_key=key),
            "other": make_article(f"{code} other", language=code, category=world),
            "match": make_article(f"{code} match", language=code, category=sport),
            "old": [make_article(f"{code} old {n}", language=code, category=sport,
                                 age=timedelta(days=30 + n))
                    for n in range(3)],
        }  # fmt: skip
    return made


def pages_of(site, code: str) -> dict[str, str]:
    items = site[code]
    return {
        "home": f"/{code}/",
        "latest": f"/{code}/latest/",
        "latest-2": f"/{code}/latest/page/2/",
        "world": f"/{code}/world/",
        "sport": f"/{code}/sport/",
        "sport-2": f"/{code}/sport/page/2/",
        "story": items["story"].get_url(),
        "other": items["other"].get_url(),
        "match": items["match"].get_url(),
        "feed": f"/{code}/feed/",
        "news-sitemap": f"/sitemap-news-{code}-1.xml",
    }


def warm(client, paths: dict[str, str]) -> dict[str, str]:
    """Render and keep each page; returns what each showed."""
    shown = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert client.get(path).headers["X-Sahifa-Cache"] == "hit", path
        shown[name] = response.content.decode()
    return shown


def showing(shown: dict[str, str], article) -> set[str]:
    return {name for name, content in shown.items() if article.get_url() in content}


FIRST_PAGES = {"home", "latest", "feed", "news-sitemap"}


def purged(served_from_cache, paths: dict[str, str]) -> set[str]:
    states = served_from_cache(paths.values())
    return {name for name, path in paths.items() if states[path] != "hit"}


def test_an_edit_purges_its_page_translations_first_lists_feeds_and_sitemaps(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    en, ru = pages_of(site, "en"), pages_of(site, "ru")
    shown, shown_ru = warm(client, en), warm(client, ru)
    story = site["en"]["story"]
    story.headline = "en story, corrected"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(story.save_revision(), via=actions.ADMIN)

    expected = showing(shown, story) | FIRST_PAGES | {"world"}
    assert purged(served_from_cache, en) == expected
    assert {"sport", "sport-2"}.isdisjoint(expected)  # they do not show it: kept
    # The Russian translation's switcher names the English version: only that page
    # (a sitemap's alternate addresses of other languages follow by time).
    assert showing(shown_ru, story) - {"news-sitemap"} == {"story"}
    assert purged(served_from_cache, ru) == {"story"}
    assert "en story, corrected" in client.get(en["story"]).content.decode()


def test_a_withdrawal_purges_every_list_that_showed_it(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    en = pages_of(site, "en")
    shown = warm(client, en)
    oldest = site["en"]["old"][-1]  # on deep list pages
    assert {"sport-2"} <= showing(shown, oldest)
    with django_capture_on_commit_callbacks(execute=True):
        actions.unpublish(oldest, via=actions.ADMIN)
    expected = showing(shown, oldest) | FIRST_PAGES | {"sport"}
    assert purged(served_from_cache, en) == expected
    assert "world" not in expected
    assert oldest.headline not in client.get(en["sport-2"]).content.decode()


def test_a_deleted_article_leaves_no_page_that_showed_it(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    en = pages_of(site, "en")
    shown = warm(client, en)
    match = site["en"]["match"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete([match], via=actions.ADMIN)
    # Its category is gone with it: the lists that showed it carry its key.
    assert purged(served_from_cache, en) == showing(shown, match) | FIRST_PAGES
    assert {"sport", "match"} <= showing(shown, match)
    assert client.get(en["match"]).status_code == 404


def test_a_draft_purges_nothing(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    en = pages_of(site, "en")
    warm(client, en)
    story = site["en"]["story"]
    story.headline = "not yet"
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_draft(story, via=actions.ADMIN)
    assert purged(served_from_cache, en) == set()


def test_a_category_change_purges_its_language_only(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    en, ru = pages_of(site, "en"), pages_of(site, "ru")
    warm(client, en), warm(client, ru)
    sport = site["en"]["sport"]
    sport.name = "Games"
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_category(sport, via=actions.ADMIN)
    assert purged(served_from_cache, en) == set(en)  # every page's menu names it
    assert purged(served_from_cache, ru) == set()
    assert "Games" in client.get(en["story"]).content.decode()


def test_a_site_change_purges_every_page(
    site, client, served_from_cache, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    en, ru = pages_of(site, "en"), pages_of(site, "ru")
    warm(client, en), warm(client, ru)
    default = Site.objects.get(is_default_site=True)
    default.site_name = "Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        default.save()
    assert purged(served_from_cache, en) == set(en)
    assert purged(served_from_cache, ru) == set(ru)
