"""`sahifa load_demo` in a real test database: what it loads, and that loading again
adds nothing."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Revision

from sahifa.articles.models import Article, Category
from sahifa.demo.content import STORIES_FILE, load_categories
from sahifa.demo.editors import password_file
from sahifa.images.models import NewsImage

LANGUAGES = ("uz", "uz-cyrl", "ru", "en")
BBC_SAMPLE = 40


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def load(**options) -> str:
    out = io.StringIO()
    with translation.override("en"):  # the output is translated; these tests read English
        call_command("load_demo", stdout=out, stderr=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "categories": Category.objects.count(),
        "images": NewsImage.objects.count(),
        "revisions": Revision.objects.count(),
    }


def story_lines() -> list[dict]:
    return [json.loads(line) for line in STORIES_FILE.read_text().splitlines() if line]


@pytest.mark.django_db
def test_loading_twice_adds_nothing_and_prints_the_same_login(var_dir):
    first = load(bbc_limit=BBC_SAMPLE, port="8123")
    after_first = counts()
    second = load(bbc_limit=BBC_SAMPLE, port="8123")

    assert counts() == after_first
    assert after_first["articles"] == len(story_lines()) + BBC_SAMPLE
    assert "failed 0" in first and "created 0" in second
    password = password_file().read_text().strip()
    login = f"Editor login: http://127.0.0.1:8123/admin/  user: editor  password: {password}"
    assert login in first and login in second
    check_bbc_articles_english_in_their_categories_over_sixty_days()


@pytest.mark.django_db
def test_written_stories(var_dir, client):
    """One load of the written stories (loading is the slow part), checked for
    translations, scripts, categories and their public pages."""
    load(bbc_limit=0)
    check_four_languages_linked_as_translations()
    check_text_is_in_each_script()
    check_categories_named_in_every_language()
    check_pages_answer_in_every_language(client)


def check_four_languages_linked_as_translations():
    lines = story_lines()
    stories = {line["x_sahifa_translation_key"] for line in lines}
    assert len(lines) == 4 * len(stories) >= 48
    for key in stories:
        versions = Article.objects.filter(translation_key=key)
        assert sorted(a.locale.language_code for a in versions) == sorted(LANGUAGES)
        assert len({a.category.translation_key for a in versions}) == 1
    for language in LANGUAGES:
        articles = Article.objects.filter(locale__language_code=language, live=True)
        assert articles.filter(is_top_story=True).count() == 1
        assert articles.values("category__code").distinct().count() >= 6
        assert articles.exclude(source_url="").exists()
        assert not articles.filter(image=None).exists()
        assert not articles.filter(image_caption="").exists()


def check_text_is_in_each_script():
    uz = " ".join(Article.objects.filter(locale__language_code="uz").values_list("body", flat=True))
    cyrl = " ".join(
        Article.objects.filter(locale__language_code="uz-cyrl").values_list("headline", flat=True)
    )
    assert "\u02bb" in uz and "'" not in uz  # oʻ gʻ with the turned comma
    assert re.search("[ўқғҳ]", cyrl) and not re.search("[A-Za-z]{3}", cyrl)


def check_categories_named_in_every_language():
    for entry in load_categories():
        names = Category.objects.filter(code=entry["code"])
        assert sorted(c.locale.language_code for c in names) == sorted(LANGUAGES)
        assert len({c.translation_key for c in names}) == 1
        assert all(c.description for c in names)


def check_bbc_articles_english_in_their_categories_over_sixty_days():
    bbc = Article.objects.filter(uri__startswith="urn:sahifa:demo:bbc:")
    assert bbc.count() == BBC_SAMPLE
    assert set(bbc.values_list("locale__language_code", flat=True)) == {"en"}
    mapping = {
        "business": "economy",
        "politics": "world",
        "sports": "sport",
        "tech": "technology",
        "entertainment": "culture",
    }
    for article in bbc:
        folder = article.uri.split(":")[4]
        assert article.category.code == mapping[folder]
        assert article.source_name == "BBC News" and article.body.startswith("<p>")
    now = timezone.now()
    times = sorted(bbc.values_list("first_published_at", flat=True))
    assert now - timedelta(days=60, minutes=1) <= times[0] < times[-1] <= now


def check_pages_answer_in_every_language(client):
    for language in LANGUAGES:
        top = Article.objects.get(locale__language_code=language, is_top_story=True)
        response = client.get(top.get_url())
        assert response.status_code == 200
        assert top.headline in response.content.decode()
        assert client.get(top.category.get_url()).status_code == 200


@pytest.mark.django_db
def test_a_category_made_before_under_a_demo_slug_is_taken_over(var_dir, make_category):
    sport = make_category("en", "sport", "Sports desk")
    load(bbc_limit=0)
    sport.refresh_from_db()
    assert sport.code == "sport" and sport.name == "Sports desk"
    assert Article.objects.filter(locale__language_code="en", category=sport).count() == 2
