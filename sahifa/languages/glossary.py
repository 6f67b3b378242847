"""One spelling per name: find the glossary's non-preferred spellings in a text, and
replace them with the preferred one of the text's language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sahifa.languages.models import GlossaryTerm
from sahifa.languages.transliteration import APOSTROPHES, normalize_latin

_TAG = re.compile(r"(<[^>]*>)")
# An Uzbek Latin word written with a typewriter apostrophe or a quote mark (O'zbekiston).
_APOSTROPHE_WORD = re.compile(rf"[A-Za-z]+(?:[{APOSTROPHES}][A-Za-z]*)+")


@dataclass(frozen=True)
class Finding:
    """``found`` was used in ``field`` where the glossary prefers ``preferred``."""

    field: str
    found: str
    preferred: str


def _pattern(spellings: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in sorted(set(spellings), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class Glossary:
    """The glossary as seen from one language: wrong spelling -> preferred spelling."""

    def __init__(self, terms: Iterable[GlossaryTerm], language_code: str) -> None:
        self.language_code = language_code
        self.preferred: set[str] = set()
        self.fixes: dict[str, str] = {}
        for term in terms:
            preferred = term.spelling(language_code)
            if not preferred:
                continue
            self.preferred.add(preferred)
            for spelling in term.all_spellings() - {preferred}:
                self.fixes.setdefault(spelling, preferred)
        # A wrong spelling that some other name prefers is not wrong in itself.
        for spelling in self.preferred:
            self.fixes.pop(spelling, None)
        # Longest first: "Kim Chen In" is matched whole, not as "Kim" + "Chen".
        self._pattern = _pattern([*self.fixes, *self.preferred]) if self.fixes else None

    @classmethod
    def for_language(cls, language_code: str) -> Glossary:
        return cls(GlossaryTerm.objects.all(), language_code)

    def _wrong_spans(self, text: str) -> Iterable[tuple[int, re.Match[str]]]:
        """Wrong spellings in the text parts of plain text or HTML (not in tags)."""
        if self._pattern is None or not text:
            return
        offset = 0
        for part in _TAG.split(text):
            if not part.startswith("<"):
                for match in self._pattern.finditer(part):
                    if match.group() in self.fixes:
                        yield offset, match
            offset += len(part)

    def findings(self, values: dict[str, str]) -> list[Finding]:
        """Each distinct wrong spelling per field, in field order; in Uzbek Latin also
        words written with ' or ’ where the letters oʻ, gʻ and the sign ʼ belong."""
        found: list[Finding] = []
        for field, text in values.items():
            seen = set()
            for _offset, match in self._wrong_spans(text or ""):
                if match.group() not in seen:
                    seen.add(match.group())
                    found.append(Finding(field, match.group(), self.fixes[match.group()]))
            if self.language_code == "uz":
                found += [Finding(field, bad, good) for bad, good in _apostrophe_words(text)]
        return found

    def fix(self, text: str) -> str:
        """The text with every wrong spelling replaced by the preferred one (and, in
        Uzbek Latin, the proper oʻ, gʻ and ʼ)."""
        text = self._fix_names(text)
        if self.language_code == "uz" and text:
            text = "".join(p if p.startswith("<") else normalize_latin(p) for p in _TAG.split(text))
        return text

    def _fix_names(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        out, position = [], 0
        for offset, match in self._wrong_spans(text):
            start = offset + match.start()
            out.append(text[position:start])
            out.append(self.fixes[match.group()])
            position = offset + match.end()
        out.append(text[position:])
        return "".join(out)


def _apostrophe_words(text: str) -> list[tuple[str, str]]:
    """(word as written, word with the proper letters), each once, outside HTML tags."""
    pairs: dict[str, str] = {}
    for part in _TAG.split(text or ""):
        if not part.startswith("<"):
            for word in _APOSTROPHE_WORD.findall(part):
                if (proper := normalize_latin(word)) != word:
                    pairs.setdefault(word, proper)
    return list(pairs.items())


def transliteration_spellings() -> dict[str, str]:
    """Latin spelling -> Cyrillic spelling of every name, for latin_to_cyrillic."""
    return {
        term.uz: term.spelling("uz-cyrl")
        for term in GlossaryTerm.objects.exclude(uz="")
        if term.spelling("uz-cyrl")
    }
