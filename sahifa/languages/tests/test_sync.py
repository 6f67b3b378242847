"""Uzbek Cyrillic articles and categories follow their Latin versions, until an editor
edits the Cyrillic by hand; then they are out of step until regenerated."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Locale

from sahifa.articles.models import Article, Category
from sahifa.languages import sync
from sahifa.languages.models import GlossaryTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the keep-in-step) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cyrillic_of(item):
    return type(item).objects.get(
        translation_key=item.translation_key, locale__language_code="uz-cyrl"
    )


def publish(item, **changes):
    for name, value in changes.items():
        setattr(item, name, value)
    item.save_revision().publish()


@pytest.fixture
def latin_story(make_article, make_category, committing):
    with committing():
        category = make_category(
            "uz", "jahon", name="Jahon", description="Dunyo yangiliklari va tahlil"
        )
        article = make_article(
            "Toshkentda yangi metro bekati ochildi",
            language="uz",
            category=category,
            lead="Yoʻlovchilar soni oshdi.",
            body='<p>Bekat <a href="https://kun.uz/yoʻl">bu yerda</a> joylashgan.</p>',
        )
    return article


def test_category_is_generated_and_follows(make_category, committing):
    with committing():
        category = make_category("uz", "sport", name="Sport va salomatlik")
    cyrillic = cyrillic_of(category)
    assert (cyrillic.name, cyrillic.slug) == ("Спорт ва саломатлик", "sport")
    with committing():
        category.name = "Sport yangiliklari"
        category.save()
    assert cyrillic_of(category).name == "Спорт янгиликлари"


def test_category_slug_taken_in_cyrillic_gets_another(make_category, committing):
    make_category("uz-cyrl", "sport", name="Бошқа спорт")  # made by hand, not a translation
    with committing():
        category = make_category("uz", "sport", name="Sport")
    assert cyrillic_of(category).slug == "sport-cyrl"


def test_published_latin_article_gets_a_published_cyrillic_one(client, latin_story):
    cyrillic = cyrillic_of(latin_story)
    assert cyrillic.live
    assert cyrillic.headline == "Тошкентда янги метро бекати очилди"
    assert cyrillic.lead == "Йўловчилар сони ошди."
    assert cyrillic.body == ('<p>Бекат <a href="https://kun.uz/yoʻl">бу ерда</a> жойлашган.</p>')
    assert cyrillic.category == cyrillic_of(latin_story.category)
    assert cyrillic.first_published_at == latin_story.first_published_at
    response = client.get(cyrillic.get_url())
    assert response.status_code == 200
    assert "Тошкентда янги метро бекати очилди" in response.content.decode()
    assert 'hreflang="uz-Cyrl"' in client.get(latin_story.get_url()).content.decode()


def test_latin_changes_reach_the_cyrillic(latin_story, committing):
    with committing():
        publish(latin_story, headline="Metro bekati yopildi")
    assert cyrillic_of(latin_story).headline == "Метро бекати ёпилди"
    state = sync.status(cyrillic_of(latin_story))
    assert state.generated and not state.hand_edited and not state.out_of_step


def test_unpublishing_latin_unpublishes_cyrillic(latin_story, committing):
    with committing():
        latin_story.unpublish()
    assert not cyrillic_of(latin_story).live


def test_hand_edited_cyrillic_is_kept_and_shown_out_of_step(latin_story, committing):
    cyrillic = cyrillic_of(latin_story)
    with committing():
        publish(cyrillic, headline="Тошкентда метро бекати очилди (таҳрирланган)")
    with committing():
        publish(latin_story, headline="Metro bekati yopildi")
    cyrillic = cyrillic_of(latin_story)
    assert cyrillic.headline == "Тошкентда метро бекати очилди (таҳрирланган)"
    state = sync.status(cyrillic)
    assert state.hand_edited and state.out_of_step


def test_a_cyrillic_draft_counts_as_a_hand_edit(latin_story, committing):
    cyrillic = cyrillic_of(latin_story)
    cyrillic.headline = "Қўлда ёзилган сарлавҳа"
    cyrillic.save_revision()
    with committing():
        publish(latin_story, lead="Yangi lid.")
    assert cyrillic_of(latin_story).latest_revision.content["headline"] == (
        "Қўлда ёзилган сарлавҳа"
    )
    assert sync.status(cyrillic_of(latin_story)).hand_edited


def test_editor_is_told_and_can_regenerate(admin_client, latin_story, committing):
    cyrillic = cyrillic_of(latin_story)
    with committing():
        publish(cyrillic, headline="Қўлда")
    with committing():
        publish(latin_story, headline="Metro bekati yopildi")
    edit_url = reverse("wagtailsnippets_articles_article:edit", args=[cyrillic.pk])
    html = admin_client.get(edit_url).content.decode()
    assert "out of step" in html
    regenerate_url = reverse("languages_regenerate", args=["article", cyrillic.pk])
    assert regenerate_url in html
    assert admin_client.get(regenerate_url).status_code == 200
    response = admin_client.post(regenerate_url)
    assert response.status_code == 302 and response.url == edit_url
    cyrillic = cyrillic_of(latin_story)
    assert cyrillic.headline == "Метро бекати ёпилди"
    assert cyrillic.revisions.count() >= 3  # the hand edit stays in the history
    state = sync.status(cyrillic)
    assert not state.hand_edited and not state.out_of_step
    assert "follows it" in admin_client.get(edit_url).content.decode()


def test_regenerate_needs_the_change_permission(client, django_user_model, latin_story):
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    url = reverse("languages_regenerate", args=["article", cyrillic_of(latin_story).pk])
    assert client.post(url).status_code in (302, 403)
    assert sync.status(cyrillic_of(latin_story)).generated


def test_cyrillic_written_by_hand_first_is_never_overwritten(
    make_article, make_category, committing
):
    hand = make_article(
        "Қўлда ёзилган",
        language="uz-cyrl",
        category=make_category("uz-cyrl", "jahon", name="Жаҳон"),
    )
    with committing():
        make_article(
            "Avtomatik emas",
            language="uz",
            category=make_category("uz", "jahon", name="Jahon"),
            translation_key=hand.translation_key,
        )
    assert Article.objects.get(pk=hand.pk).headline == "Қўлда ёзилган"
    assert sync.status(hand).hand_edited


def test_glossary_spelling_is_used_in_transliteration(make_article, make_category, committing):
    GlossaryTerm.objects.create(uz="Kim Chen In", uz_cyrl="Ким Чен Ын", en="Kim Jong Un")
    with committing():
        article = make_article(
            "Kim Chen In Pxenyanda gapirdi",
            language="uz",
            category=make_category("uz", "jahon"),
        )
    assert cyrillic_of(article).headline == "Ким Чен Ын Пхеньянда гапирди"


def test_nothing_happens_when_turned_off(settings, make_article, make_category, committing):
    settings.SAHIFA_CYRILLIC_FROM_LATIN = False
    with committing():
        make_article("Oʻchirilgan", language="uz", category=make_category("uz", "jahon"))
    assert not Article.objects.filter(locale__language_code="uz-cyrl").exists()
    assert not Category.objects.filter(locale=Locale.objects.get(language_code="uz-cyrl"))


def test_command_writes_missing_versions_and_keeps_hand_edits(make_article, make_category):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    category = make_category("uz", "iqtisod", name="Iqtisodiyot")
    article = make_article("Narxlar oshdi", language="uz", category=category)
    hand = make_article(
        "Қўлда", language="uz-cyrl", category=make_category("uz-cyrl", "boshqa", name="Бошқа")
    )
    make_article(
        "Qoʻlda emas", language="uz", category=category, translation_key=hand.translation_key
    )
    out = StringIO()
    with translation.override("en"):
        call_command("sync_cyrillic", stdout=out)
    assert cyrillic_of(article).headline == "Нархлар ошди"
    assert cyrillic_of(category).name == "Иқтисодиёт"
    assert Article.objects.get(pk=hand.pk).headline == "Қўлда"
    assert out.getvalue().splitlines() == [
        "categories: 1 checked, 0 failed",
        "articles: 2 checked, 0 failed",
    ]


def uzbek_item(uri: str, language: str, headline: str) -> dict:
    from sahifa.interchange.tests.conftest import ninjs

    return ninjs(
        uri=uri,
        language=language,
        headline=headline,
        description_text="",
        body_html="<p>Yangilik.</p>" if language == "uz" else "<p>Янгилик.</p>",
        subject=[{"name": "Jahon", "code": "world"}],
    )


def test_imported_latin_articles_get_cyrillic_versions(committing):
    from sahifa.interchange.importer import import_ninjs
    from sahifa.interchange.tests.conftest import lines

    with committing():
        report = import_ninjs(
            lines(uzbek_item("urn:t:1", "uz", "Samarqandda yangi koʻprik ochildi")),
            source="feed.jsonl",
        )
    assert report.ok, report.errors
    latin = Article.objects.get(uri="urn:t:1")
    cyrillic = cyrillic_of(latin)
    assert (cyrillic.headline, cyrillic.live) == ("Самарқандда янги кўприк очилди", True)
    assert cyrillic.body == "<p>Янгилик.</p>"


def test_a_feed_with_its_own_cyrillic_is_left_alone(committing):
    from sahifa.interchange.importer import import_ninjs
    from sahifa.interchange.tests.conftest import lines

    with committing():
        import_ninjs(
            lines(
                uzbek_item("urn:t:1", "uz", "Yangi koʻprik"),
                uzbek_item("urn:t:2", "uz-Cyrl", "Янги кўприк"),
            ),
            source="feed.jsonl",
        )
    assert list(
        Article.objects.filter(locale__language_code="uz-cyrl").values_list("uri", flat=True)
    ) == ["urn:t:2"]
