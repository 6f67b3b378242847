"""Every string a reader can see is translated in uz, uz-cyrl and ru (English is the
source language), in the right script, and the compiled catalogues are up to date.
New strings anyone adds later are found the same way: makemessages on the whole code."""

from __future__ import annotations

import polib
import pytest
from django.conf import settings

from sahifa.languages import catalogues


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> list[polib.POEntry]:
    return catalogues.extract(settings.BASE_DIR, tmp_path_factory.mktemp("messages"))


def test_extraction_finds_templates_and_python(messages):
    where = {path for entry in messages for path, _line in entry.occurrences}
    assert any(path.endswith(".html") for path in where)
    assert any(path.endswith(".py") for path in where)
    assert "Similar news" in {entry.msgid for entry in messages}


def test_every_message_is_translated_in_every_language(messages):
    found = catalogues.problems(messages, catalogues.language_codes())
    assert not found, f"{len(found)} problems:\n" + "\n".join(map(str, found[:60]))


def test_compiled_catalogues_are_up_to_date():
    assert catalogues.stale_compiled(settings.BASE_DIR) == []


def test_the_check_catches_an_untranslated_string(tmp_path):
    entry = polib.POEntry(msgid="A string nobody translated", occurrences=[("x.html", "1")])
    found = catalogues.problems([entry], ["uz", "uz-cyrl", "ru"])
    assert [(p.language, p.reason) for p in found] == [
        ("uz", "no translation"),
        ("uz-cyrl", "no translation"),
        ("ru", "no translation"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("Bugun", "uz-cyrl", "not in Cyrillic script"),
        ("Бугун", "uz", "not in Latin script"),
        ("O'zbekcha", "uz", "write oʻ, gʻ with U+02BB and the separating sign with U+02BC"),
        ("Ma’lumot", "uz", "write oʻ, gʻ with U+02BB and the separating sign with U+02BC"),
        ("Oʻzbekcha <a href='x'>maʼlumot</a>", "uz", ""),
        ("Сегодня, %(time)s", "ru", ""),
        ("HTTP %(status)d", "uz-cyrl", ""),
    ],
)
def test_script_rules(text, language, reason):
    assert catalogues.script_problem(text, language, msgid="HTTP %(status)d") == reason


def test_templates_show_no_text_outside_translation_tags():
    found = {
        str(path.relative_to(settings.BASE_DIR)): words
        for path in catalogues.project_templates(settings.BASE_DIR)
        if (words := catalogues.untranslated_template_text(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Similar news</p>", ["Similar", "news"]),
        ('<img src="{{ x }}" alt="Photo">', ['alt="Photo"']),
        ('<a aria-label="{% translate \'Next\' %}" href="/">{{ n }}</a>', []),
        ("{% blocktranslate %}Reported by {{ name }}{% endblocktranslate %}", []),
        ("<p>{% translate 'Today' %}, 09:47 — 15%</p><!-- a note -->", []),
        ("<script>var label = 'Loading';</script>", []),
    ],
)
def test_template_text_check(source, found):
    assert catalogues.untranslated_template_text(source) == found
