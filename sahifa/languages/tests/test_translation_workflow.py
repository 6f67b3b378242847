"""Translating an article in the admin (wagtail-localize) and machine translation:
Uzbek Latin <-> Cyrillic by transliteration with no outside service, other pairs by a
LibreTranslate server (here a local one answering as the real one does), the names
glossary applied to what comes back."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue

from sahifa.articles.models import Article
from sahifa.languages.machine_translation import SahifaTranslator
from sahifa.languages.models import GlossaryTerm
from sahifa.languages.mt_config import machine_translator

pytestmark = pytest.mark.django_db

# What a LibreTranslate server answered for these texts (format=html).
LIBRETRANSLATE_ANSWERS = {
    ("uz", "ru", "Kim Chen In chegarada gapirdi"): "Ким Чен Ин выступил на границе",
    ("uz", "ru", "Muzokaralar davom etadi."): "Переговоры продолжатся.",
    # The slug is a segment too; the service leaves it as it is.
    ("uz", "ru", "kim-chen-in-chegarada-gapirdi"): "kim-chen-in-chegarada-gapirdi",
    ("en", "uz", "Kim Jong Un spoke at the border"): "Kim Chen In chegarada gapirdi",
    ("uz", "en", "Kim Chen In chegarada gapirdi"): "Kim Chen In spoke at the border",
    ("uz", "en", "Muzokaralar davom etadi."): "Talks will continue.",
}


class LibreTranslateHandler(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(request)
        try:
            texts = [
                LIBRETRANSLATE_ANSWERS[(request["source"], request["target"], q)]
                for q in request["q"]
            ]
        except KeyError:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b'{"error": "unknown text"}')
            return
        body = json.dumps({"translatedText": texts}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslateHandler)
    LibreTranslateHandler.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def kim(db):
    return GlossaryTerm.objects.create(
        uz="Kim Chen In", uz_cyrl="Ким Чен Ин", ru="Ким Чен Ын", en="Kim Jong Un"
    )


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def translate(translator, source, target, *texts) -> list[str]:
    strings = [StringValue(t) for t in texts]
    result = translator.translate(locale(source), locale(target), strings)
    return [result[s].data for s in strings]


def test_settings_from_the_environment():
    assert machine_translator({}) == {
        "CLASS": "sahifa.languages.machine_translation.SahifaTranslator",
        "OPTIONS": {},
    }
    deepl = machine_translator({"SAHIFA_MT_SERVICE": "DeepL", "SAHIFA_MT_KEY": "k"})
    assert deepl["OPTIONS"]["SERVICE"] == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k"},
    }
    with pytest.raises(ValueError, match="SAHIFA_MT_SERVICE='bing': expected one of"):
        machine_translator({"SAHIFA_MT_SERVICE": "bing"})


def test_without_a_service_only_uzbek_scripts(kim):
    translator = SahifaTranslator({})
    assert translator.can_translate(locale("uz"), locale("uz-cyrl"))
    assert translator.can_translate(locale("uz-cyrl"), locale("uz"))
    assert not translator.can_translate(locale("uz"), locale("ru"))
    assert translate(translator, "uz", "uz-cyrl", "Kim Chen In <b>Pxenyanda</b> gapirdi") == [
        "Ким Чен Ин <b>Пхеньянда</b> гапирди"
    ]
    assert translate(translator, "uz-cyrl", "uz", "Ўзбекистон ва дунё") == ["Oʻzbekiston va dunyo"]


def test_service_results_get_the_glossary_spelling(kim, libretranslate):
    translator = SahifaTranslator(
        machine_translator(
            {"SAHIFA_MT_SERVICE": "libretranslate", "SAHIFA_MT_URL": libretranslate}
        )["OPTIONS"]
    )
    assert translate(translator, "uz", "ru", "Kim Chen In chegarada gapirdi") == [
        "Ким Чен Ын выступил на границе"
    ]
    # The service knows Uzbek only as "uz": Cyrillic is made from its Latin answer.
    assert translator.can_translate(locale("en"), locale("uz-cyrl"))
    assert translate(translator, "en", "uz-cyrl", "Kim Jong Un spoke at the border") == [
        "Ким Чен Ин чегарада гапирди"
    ]
    assert [r["target"] for r in LibreTranslateHandler.received] == ["ru", "uz"]


def test_editor_translates_an_article_and_sees_missing_languages(
    admin_client, settings, make_article, make_category, kim, libretranslate
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
        {"SAHIFA_MT_SERVICE": "libretranslate", "SAHIFA_MT_URL": libretranslate}
    )
    article = make_article(
        "Kim Chen In chegarada gapirdi",
        language="uz",
        category=make_category("uz", "jahon", name="Jahon"),
        lead="Muzokaralar davom etadi.",
        body="",
    )
    make_category("ru", "mir", name="Мир", translation_key=article.category.translation_key)
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["articles", "article", article.pk]
    )
    form = admin_client.get(submit_url).content.decode()
    for missing in ("uz-cyrl", "ru", "en"):
        assert f'value="{locale(missing).pk}"' in form

    response = admin_client.post(submit_url, {"locales": [locale("ru").pk, locale("en").pk]})
    assert response.status_code == 302
    russian = Article.objects.get(translation_key=article.translation_key, locale=locale("ru"))
    form = admin_client.get(submit_url).content.decode()
    assert f'value="{locale("ru").pk}"' not in form  # no longer missing
    assert f'value="{locale("uz-cyrl").pk}"' in form

    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(article), target_locale=locale("ru")
    )
    edit_url = reverse("wagtailsnippets_articles_article:edit", args=[russian.pk])
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]) + f"?next={edit_url}"
    )
    assert response.status_code == 302
    translation.save_target(publish=True)
    russian.refresh_from_db()
    assert russian.headline == "Ким Чен Ын выступил на границе"
    assert russian.lead == "Переговоры продолжатся."
    assert russian.live
    assert russian.uri != article.uri


@pytest.mark.django_db
def test_edit_page_tells_the_translation_status_and_offers_translate(
    client, settings, tmp_path, story
):
    """As the demo's editor: "in 3 of 4 languages", each version linked, *Translate*."""
    from sahifa.demo.editors import ensure_editor

    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    client.login(username=credentials.username, password=credentials.password)
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    article = story["en"]
    page = client.get(reverse("wagtailsnippets_articles_article:edit", args=[article.pk]))
    html = page.content.decode()
    languages = 3 + Article.objects.filter(locale__language_code="uz-cyrl").count()
    assert f"This article is in {languages} of 4 languages." in html
    translate = reverse(
        "wagtail_localize:submit_snippet_translation", args=["articles", "article", article.pk]
    )
    assert translate in html
    for code in ("uz", "ru"):
        assert reverse("wagtailsnippets_articles_article:edit", args=[story[code].pk]) in html


@pytest.mark.django_db
def test_editors_have_the_names_glossary_in_their_menu(client, settings, tmp_path):
    from sahifa.demo.editors import ensure_editor

    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    client.login(username=credentials.username, password=credentials.password)
    glossary = reverse("wagtailsnippets_languages_glossaryterm:list")
    assert glossary in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(glossary).status_code == 200
    assert client.get(reverse("wagtailsnippets_languages_glossaryterm:add")).status_code == 200
