"""Every string a reader sees is translated in every language: extract the project's
messages as ``makemessages`` does (into a scratch folder, so no catalogue is touched)
and check each against the translations Django will actually use."""

from __future__ import annotations

import re
import shutil
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test.utils import override_settings
from django.utils.translation import trans_real

# Not shipped to readers: tests, and migrations (which hold no translatable calls).
SKIPPED_DIRS = ("tests", "migrations", "locale", "__pycache__", "static")

_MARKUP = re.compile(r"<[^>]*>|&#?\w+;|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[a-z]|\{\w*\}")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_BAD_APOSTROPHE = re.compile(
    r"(?<=[A-Za-z])['`\u2018\u2019](?=[A-Za-z])|(?<=[oOgG])['`\u2018\u2019]"
)
SCRIPTS = {"uz": "Latin", "uz-cyrl": "Cyrillic", "ru": "Cyrillic", "en": "Latin"}


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    where: str  # the first source reference
    reason: str

    def __str__(self) -> str:
        return f"{self.language}: {self.msgid!r} ({self.where}): {self.reason}"


def extract(source_dir: Path, work_dir: Path) -> list[polib.POEntry]:
    """The messages marked for translation under ``source_dir`` (a Django project
    package), found by makemessages run on a copy of it."""
    copy = work_dir / source_dir.name
    shutil.copytree(source_dir, copy, ignore=shutil.ignore_patterns(*SKIPPED_DIRS))
    (work_dir / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[]), chdir(work_dir):
        call_command("makemessages", locale=["en"], domain="django", verbosity=0)
    return [e for e in polib.pofile(work_dir / "locale/en/LC_MESSAGES/django.po") if e.msgid]


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def translations(entry: polib.POEntry, language: str) -> list[str]:
    """What Django shows for this message in this language ([] when untranslated)."""
    # The language's catalogues merged, as Django looks messages up (not public API).
    translation = trans_real.translation(language)
    catalog: trans_real.TranslationCatalog = translation._catalog  # type: ignore[attr-defined]
    if entry.msgid_plural:
        forms = [catalog.get((_key(entry), n), "") for n in range(2)]
        return forms if all(forms) else []
    message = catalog.get(_key(entry), "")
    return [message] if message else []


def script_problem(text: str, language: str, msgid: str = "") -> str:
    """Why the translation is not written as the language is ("" when it is): no letter
    of the language's script but some of the other (as when Uzbek Cyrillic falls back
    to a Latin catalogue); a technical text kept as it is (``HTTP %(status)d``) is fine."""
    plain = _MARKUP.sub("", text)
    latin, cyrillic = _LATIN.search(plain), _CYRILLIC.search(plain)
    if SCRIPTS[language] == "Cyrillic" and latin and not cyrillic and text != msgid:
        return "not in Cyrillic script"
    if SCRIPTS[language] == "Latin" and cyrillic and not latin:
        return "not in Latin script"
    if language == "uz" and _BAD_APOSTROPHE.search(plain):
        return "write oʻ, gʻ with U+02BB and the separating sign with U+02BC"
    return ""


def problems(entries: list[polib.POEntry], languages: list[str]) -> list[Problem]:
    found = []
    for entry in entries:
        where = entry.occurrences[0][0] if entry.occurrences else "?"
        for language in languages:
            texts = translations(entry, language)
            if not texts and language != "en":
                found.append(Problem(language, entry.msgid, where, "no translation"))
            for text in texts:
                if reason := script_problem(text, language, entry.msgid):
                    found.append(Problem(language, entry.msgid, where, reason))
    return found


# (context or None, message) -> its translation, or its plural forms.
_Messages = dict[tuple[str | None, str], str | dict[int, str]]


def stale_compiled(source_dir: Path) -> list[str]:
    """Catalogues whose compiled .mo does not hold what their .po says."""
    stale = []
    for po_path in sorted(source_dir.rglob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        po: _Messages = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in polib.pofile(po_path).translated_entries()
        }
        mo: _Messages = (
            {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))}
            if mo_path.exists()
            else {}
        )
        mo.pop((None, ""), None)
        if po != mo:
            stale.append(str(po_path.relative_to(source_dir)))
    return stale


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# Attributes a reader sees or hears (screen readers read labels and alternative text).
_VISIBLE_ATTRIBUTE = re.compile(r'\b(alt|title|aria-label|placeholder|label)="([^"]*)"')
_INVISIBLE = re.compile(r"<!--.*?-->|<script.*?</script>|<style.*?</style>", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def untranslated_template_text(source: str) -> list[str]:
    """Words a template shows that are not in a translation tag: text between HTML tags,
    and visible attributes, outside ``{% blocktranslate %}`` and with template tags and
    variables left out."""
    parts, inside_block = [], 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            inside_block += {"blocktranslate": 1, "blocktrans": 1}.get(name, 0)
            inside_block -= {"endblocktranslate": 1, "endblocktrans": 1}.get(name, 0)
        elif token.token_type == TokenType.TEXT and not inside_block:
            parts.append(token.contents)
            continue
        parts.append("\x00")  # a tag or variable: no letters of its own
    text = "".join(parts)
    found = [
        f'{name}="{value}"'
        for name, value in _VISIBLE_ATTRIBUTE.findall(text)
        if _WORD.search(value)
    ]
    text = re.sub(r"<[^>]*>|&#?\w+;", " ", _INVISIBLE.sub(" ", text))
    return found + _WORD.findall(text)


def project_templates(source_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in source_dir.rglob("templates/**/*.html")
        if not set(path.relative_to(source_dir).parts) & set(SKIPPED_DIRS)
    )
