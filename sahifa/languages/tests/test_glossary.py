"""One spelling per name: the glossary finds other spellings, the admin warns on save
and offers the fix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sahifa.languages.glossary import Glossary
from sahifa.languages.models import GlossaryTerm
from sahifa.languages.tests.admin_forms import current_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim(db):
    return GlossaryTerm.objects.create(
        uz="Kim Chen In",
        ru="Ким Чен Ын",
        en="Kim Jong Un",
        variants="Kim Jong-un\nKim Chen Un",
    )


def test_cyrillic_spelling_is_made_from_the_latin_one(kim):
    assert kim.uz_cyrl == "Ким Чен Ин"


def test_findings_per_language(kim):
    text = {"headline": "Kim Jong Un met Kim Chen Un", "lead": "Kim Jong Un spoke."}
    assert [
        (f.field, f.found, f.preferred) for f in Glossary.for_language("uz").findings(text)
    ] == [
        ("headline", "Kim Jong Un", "Kim Chen In"),
        ("headline", "Kim Chen Un", "Kim Chen In"),
        ("lead", "Kim Jong Un", "Kim Chen In"),
    ]
    english = Glossary.for_language("en")
    assert [f.found for f in english.findings({"headline": "Kim Chen In and Kim Jong Un"})] == [
        "Kim Chen In"
    ]
    assert Glossary.for_language("ru").findings({"headline": "Ким Чен Ын прибыл"}) == []


def test_fix_leaves_markup_and_other_words(kim):
    glossary = Glossary.for_language("en")
    html = '<p title="Kim Chen In">Kim Chen In, Kim Jong-un and Kimchi</p>'
    assert glossary.fix(html) == '<p title="Kim Chen In">Kim Jong Un, Kim Jong Un and Kimchi</p>'


def test_uzbek_latin_apostrophes_are_found_and_fixed(db):
    glossary = Glossary.for_language("uz")
    html = "<p title=\"it's\">O'zbekiston ma’lumoti va bog`i</p>"
    assert [(f.found, f.preferred) for f in glossary.findings({"body": html})] == [
        ("O'zbekiston", "Oʻzbekiston"),
        ("ma’lumoti", "maʼlumoti"),
        ("bog`i", "bogʻi"),
    ]
    assert glossary.fix(html) == '<p title="it\'s">Oʻzbekiston maʼlumoti va bogʻi</p>'
    assert Glossary.for_language("en").findings({"body": "it's"}) == []


def test_a_name_preferred_elsewhere_is_not_cut_into(db):
    GlossaryTerm.objects.create(uz="Kim", en="Kim")
    GlossaryTerm.objects.create(uz="Kim Chen In", en="Kim Jong Un")
    assert Glossary.for_language("uz").findings({"headline": "Kim Chen In va Kim"}) == []


def edit(client, article, **changes):
    """Post the article's admin edit form as it stands, with ``changes``."""
    url = reverse("wagtailsnippets_articles_article:edit", args=[article.pk])
    data = current_form_data(client.get(url).content.decode())
    data.update(changes)
    return client.post(url, data, follow=True)


def test_saving_with_a_variant_warns_and_offers_the_fix(admin_client, kim, make_article):
    article = make_article("Talks in Pyongyang", language="en")
    response = edit(
        admin_client,
        article,
        headline="Kim Jong Un arrives",
        social_headline="Kim Chen In stated the border",
        **{"action-publish": "action-publish"},
    )
    html = response.content.decode()
    assert "Names not spelled as the glossary has them" in html
    assert "Kim Chen In" in html and "Kim Jong Un" in html
    fix_url = reverse("languages_glossary_fix", args=["article", article.pk])
    assert fix_url in html

    confirm = admin_client.get(fix_url).content.decode()
    assert "“Kim Chen In” → “Kim Jong Un”" in confirm
    response = admin_client.post(fix_url)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and not article.has_unpublished_changes
    assert article.social_headline == "Kim Jong Un stated the border"
    assert article.headline == "Kim Jong Un arrives"


def test_saving_with_preferred_spellings_does_not_warn(admin_client, kim, make_article):
    article = make_article("Talks", language="en")
    response = edit(admin_client, article, headline="Kim Jong Un arrives")
    assert response.status_code == 200
    assert "Names not spelled as the glossary has them" not in response.content.decode()


def test_fixing_a_draft_keeps_it_a_draft(admin_client, kim, make_article):
    article = make_article("Talks", language="en")
    edit(admin_client, article, headline="Kim Chen In arrives")
    admin_client.post(reverse("languages_glossary_fix", args=["article", article.pk]))
    article.refresh_from_db()
    assert article.headline == "Talks"  # the live version is untouched
    assert article.latest_revision.content["headline"] == "Kim Jong Un arrives"


def test_glossary_is_managed_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_languages_glossaryterm:add"),
        {
            "uz": "Vladimir Putin",
            "uz_cyrl": "",
            "ru": "Владимир Путин",
            "en": "Vladimir Putin",
            "variants": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    term = GlossaryTerm.objects.get(uz="Vladimir Putin")
    assert term.uz_cyrl == "Владимир Путин"
    listing = admin_client.get(reverse("wagtailsnippets_languages_glossaryterm:list"))
    assert "Владимир Путин" in listing.content.decode()
