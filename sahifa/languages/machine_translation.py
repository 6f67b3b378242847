"""The admin's machine translation (wagtail-localize): Uzbek Latin <-> Cyrillic by our
transliteration, other pairs by the configured outside service, and the names glossary
applied to whatever comes back.

Outside services know Uzbek only as ``uz`` (they drop the script subtag), so Uzbek
Cyrillic is reached through Latin: ``en -> uz`` by the service, then transliterated.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from sahifa.languages.glossary import Glossary, transliteration_spellings
from sahifa.languages.transliteration import cyrillic_to_latin, latin_to_cyrillic

LATIN, CYRILLIC = "uz", "uz-cyrl"


def _code(locale: Any) -> str:
    return locale.language_code.lower()


class SahifaTranslator(BaseMachineTranslator):
    display_name = _("Sahifa: transliteration, glossary and the configured service")

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        service = options.get("SERVICE")
        self.service = (
            import_string(service["CLASS"])(service.get("OPTIONS", {})) if service else None
        )

    def can_translate(self, source_locale: Any, target_locale: Any) -> bool:
        source, target = _code(source_locale), _code(target_locale)
        if source == target:
            return False
        if {source, target} == {LATIN, CYRILLIC}:
            return True
        return self.service is not None and self.service.can_translate(
            self._through_latin(source), self._through_latin(target)
        )

    def translate(self, source_locale: Any, target_locale: Any, strings: Any) -> dict:
        source, target = _code(source_locale), _code(target_locale)
        texts = {string: string.data for string in strings}
        if source == CYRILLIC:
            texts = {s: cyrillic_to_latin(t) for s, t in texts.items()}
            source = LATIN
        if source != LATIN or target not in (LATIN, CYRILLIC):
            texts = self._service_translate(source, target, texts)
        if target == CYRILLIC:
            spellings = transliteration_spellings()
            texts = {s: latin_to_cyrillic(t, spellings) for s, t in texts.items()}
        glossary = Glossary.for_language(target)
        return {s: StringValue(glossary.fix(t)) for s, t in texts.items()}

    def _service_translate(self, source: str, target: str, texts: dict) -> dict:
        if self.service is None:
            raise ValueError(f"No machine translation service is set up for {source} -> {target}")
        strings = [StringValue(text) for text in texts.values()]
        result = self.service.translate(
            self._through_latin(source), self._through_latin(target), strings
        )
        return {s: result[v].data for s, v in zip(texts, strings, strict=True)}

    @staticmethod
    def _through_latin(code: str) -> SimpleNamespace:
        """A locale-like object the service understands (Cyrillic Uzbek as plain uz)."""
        return SimpleNamespace(language_code=LATIN if code == CYRILLIC else code)
