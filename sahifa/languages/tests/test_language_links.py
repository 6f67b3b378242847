"""hreflang links and the language switcher on every kind of public page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahifa.core.urls import absolute_url

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCH_LINK = re.compile(
    r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+"( data-fallback="home")?>'
)


def alternates(html: str) -> dict[str, str]:
    return dict(ALTERNATE.findall(html))


def switcher(html: str) -> dict[str, tuple[str, bool]]:
    """hreflang -> (path, is a fallback to the home page) for the switcher's links."""
    nav = html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    return {lang: (path, bool(fallback)) for path, lang, fallback in SWITCH_LINK.findall(nav)}


def current_language(html: str) -> str:
    nav = html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    current = re.search(r'<span aria-current="true" lang="([^"]+)"', nav)
    assert current, "the switcher marks no language as current"
    return current.group(1)


def test_article_links_its_translations_and_x_default(client, story):
    html = client.get(story["ru"].get_url()).content.decode()
    assert alternates(html) == {
        "uz-Latn": absolute_url(story["uz"].get_url()),
        "ru": absolute_url(story["ru"].get_url()),
        "en": absolute_url(story["en"].get_url()),
        "x-default": absolute_url(story["uz"].get_url()),
    }
    assert '<html lang="ru">' in html


def test_switcher_goes_to_the_same_story_else_to_the_home_page(client, story):
    html = client.get(story["en"].get_url()).content.decode()
    assert current_language(html) == "en"
    assert switcher(html) == {
        "uz-Latn": (story["uz"].get_url(), False),
        "uz-Cyrl": ("/uz-cyrl/", True),
        "ru": (story["ru"].get_url(), False),
    }


def test_unpublished_translation_is_not_linked(
    client, story, make_article, make_category, django_capture_on_commit_callbacks
):
    draft = make_article(
        "Музокаралар учун 1 февраль чегараси",
        language="uz-cyrl",
        category=make_category("uz-cyrl", "jahon"),
        translation_key=story["uz"].translation_key,
        live=False,
    )
    html = client.get(story["uz"].get_url()).content.decode()
    assert "uz-Cyrl" not in alternates(html)
    assert switcher(html)["uz-Cyrl"] == ("/uz-cyrl/", True)
    draft.live = True
    draft.first_published_at = story["uz"].first_published_at
    with django_capture_on_commit_callbacks(execute=True):  # its change event, on commit
        draft.save()
    html = client.get(story["uz"].get_url()).content.decode()
    assert alternates(html)["uz-Cyrl"] == absolute_url(draft.get_url())
    assert '<html lang="uz-Latn">' in html


def test_article_alone_in_its_language_has_no_alternates(client, make_article):
    article = make_article("Only in English")
    html = client.get(article.get_url()).content.decode()
    assert alternates(html) == {}
    assert set(switcher(html).values()) == {
        ("/uz/", True),
        ("/uz-cyrl/", True),
        ("/ru/", True),
    }


def test_category_page_links_translated_categories(client, story):
    category = story["en"].category
    html = client.get(category.get_url()).content.decode()
    assert alternates(html) == {
        "uz-Latn": absolute_url("/uz/jahon/"),
        "ru": absolute_url("/ru/mir/"),
        "en": absolute_url("/en/world/"),
        "x-default": absolute_url("/uz/jahon/"),
    }
    assert switcher(html)["ru"] == ("/ru/mir/", False)


def test_later_pages_of_a_list_switch_to_the_first_page_without_hreflang(
    client, settings, story, make_article
):
    settings.SAHIFA_PAGE_SIZE = 1
    make_article("Second story", category=story["en"].category)
    html = client.get("/en/world/page/2/").content.decode()
    assert alternates(html) == {}
    assert switcher(html)["ru"] == ("/ru/mir/", False)
    html = client.get("/en/latest/page/2/").content.decode()
    assert alternates(html) == {}
    assert switcher(html)["uz-Cyrl"] == ("/uz-cyrl/latest/", False)


@pytest.mark.parametrize(
    ("path", "tail"),
    [("/uz-cyrl/", ""), ("/en/latest/", "latest/")],
)
def test_home_and_latest_link_every_language(client, path, tail):
    html = client.get(path).content.decode()
    expected = {
        "uz-Latn": f"/uz/{tail}",
        "uz-Cyrl": f"/uz-cyrl/{tail}",
        "ru": f"/ru/{tail}",
        "en": f"/en/{tail}",
        "x-default": f"/uz/{tail}",
    }
    assert alternates(html) == {k: absolute_url(v) for k, v in expected.items()}
    assert all(not fallback for _, fallback in switcher(html).values())


def test_not_found_page_switches_to_home_pages(client):
    response = client.get("/ru/no-such-section/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert alternates(html) == {}
    assert switcher(html)["uz-Cyrl"] == ("/uz-cyrl/", True)


def test_queries_do_not_grow_with_translations(client, story, make_article, make_category):
    def count(path: str) -> int:
        client.get(path)  # warm per-process caches (site, locales)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    lone = make_article("Alone", category=story["en"].category)
    baseline = count(lone.get_url())
    make_article(
        "Ёлғиз эмас",
        language="uz-cyrl",
        category=make_category("uz-cyrl", "jahon"),
        translation_key=story["uz"].translation_key,
    )
    assert count(story["en"].get_url()) == baseline
