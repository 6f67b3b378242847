"""ninjs `language` tags (BCP 47) to the site's language codes and back."""

from __future__ import annotations

from django.conf import settings

# The script a language is written in when its tag names none.
_DEFAULT_SCRIPT = {"uz": "latn", "ru": "cyrl", "en": "latn"}
# (language, script) -> site language code.
_CODES = {
    ("uz", "latn"): "uz",
    ("uz", "cyrl"): "uz-cyrl",
    ("ru", "cyrl"): "ru",
    ("en", "latn"): "en",
}


def language_from_tag(tag: str) -> str | None:
    """`uz`, `uz-Latn`, `uz-Latn-UZ` -> `uz`; `uz-Cyrl` -> `uz-cyrl`; `en-GB` -> `en`;
    None for a language the site does not publish in. Case does not matter."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    language = parts[0]
    if language not in _DEFAULT_SCRIPT:
        return None
    # A site code given as is ("uz-cyrl") reads the same as the BCP 47 tag.
    scripts = [p for p in parts[1:] if len(p) == 4 and p.isalpha()]
    if len(scripts) > 1:
        return None
    script = scripts[0] if scripts else _DEFAULT_SCRIPT[language]
    return _CODES.get((language, script))


def tag_for_language(code: str) -> str:
    """The BCP 47 tag export writes: the same tags as the site's hreflang links."""
    return settings.SAHIFA_HREFLANG.get(code, code)
