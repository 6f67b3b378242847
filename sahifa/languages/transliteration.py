"""Uzbek Latin <-> Uzbek Cyrillic, following the official correspondence (1995 Latin
alphabet, 2023 letter shapes: ``oʻ``/``gʻ`` with U+02BB, the sign ``ʼ`` U+02BC).

Letter rules cover the regular cases (``ye``/``е`` at word start and after vowels,
``ц`` as ``s``/``ts``, ``ъ``/``ʼ``, ``sʼh``/``сҳ``, all-caps words); the lexicon in
``data/lexicon.tsv`` covers the loanwords no rule can guess (``sentabr``/``сентябрь``,
``sirk``/``цирк``). URLs, e-mail addresses, handles, HTML markup, numbers and Latin
brand names (words with ``c``/``w`` or inner capitals, such as ``iPhone``) stay as
they are. The public functions are pure: same text in, same text out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

OKINA = "\u02bb"  # ʻ in oʻ, gʻ
SIGN = "\u02bc"  # ʼ the separating sign (tutuq belgisi)
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc"

CYRILLIC_VOWELS = frozenset("аеёиоуўэюя")

# Uzbek suffixes a lexicon stem may carry (sentabr+da, konsert+lar).
_SUFFIX = re.compile(
    r"(?:lar|lari|ning|ni|da|dan|dagi|ga|gacha|ka|qa|i|si|ida|idan|iga|ini|imiz|ingiz|"
    r"ning|chi|li|lik|siz|dek|day|mi)"
)

_L2C_SINGLE = dict(zip("abdfghijklmnopqrstuvxyz", "абдфгҳижклмнопқрстувхйз", strict=True))
_C2L_SINGLE = {
    **dict(zip("абвгдзиклмнопрстуфхҳйқыэ", "abvgdziklmnoprstufxhyqie", strict=True)),
    "ж": "j", "ш": "sh", "щ": "sh", "ч": "ch", "ў": "o" + OKINA, "ғ": "g" + OKINA,
    "ё": "yo", "ю": "yu", "я": "ya", "ь": "",
}  # fmt: skip

# Loanword endings the letters alone get wrong, tried at every position (l2c).
_L2C_PATTERNS = (
    ("tsiya", "ция"),
    ("tsion", "цион"),
    ("tsial", "циал"),
    ("tsiolog", "циолог"),
    ("nsiya", "нция"),
    ("ksiya", "кция"),
)

# Spans that are never transliterated.
_PROTECTED = re.compile(
    r"<[^>]*>"  # HTML tags with their attributes
    r"|&#?\w+;"  # HTML entities
    r"|(?:https?://|www\.)[^\s<>\"]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|@\w+"  # handles
    r"|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sdifgr](?![A-Za-z])|\{\w*\}"  # placeholders
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uz|ru|com|org|net|info|io|gov|edu|tv|me)\b",
    re.IGNORECASE,
)
_LATIN_WORD = re.compile(
    rf"[A-Za-z](?:[A-Za-z]|(?<=[oOgG])[{APOSTROPHES}]|[{APOSTROPHES}](?=[A-Za-z]))*"
)
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёЎўҒғҚқҲҳ]+")


# --- Lexicon --------------------------------------------------------------------------
def _read_lexicon() -> list[tuple[str, str]]:
    path = Path(__file__).with_name("data") / "lexicon.tsv"
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        latin, _, cyrillic = line.partition("\t")
        if not cyrillic:
            raise ValueError(f"{path}:{number}: expected 'latin<TAB>cyrillic', got {line!r}")
        pairs.append((normalize_latin(latin.strip()).lower(), cyrillic.strip().lower()))
    return pairs


@lru_cache(maxsize=1)
def _lexicon() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(source stem, target whole word, target stem before a suffix) per direction,
    longest stems first."""
    l2c, c2l = [], []
    for latin, cyrillic in _read_lexicon():
        l2c.append((latin, cyrillic, cyrillic.removesuffix("ь")))
        c2l.append((cyrillic.removesuffix("ь"), latin, latin))
    return (
        sorted(l2c, key=lambda e: -len(e[0])),
        sorted(c2l, key=lambda e: -len(e[0])),
    )


def _lexicon_match(
    word: str, entries: list[tuple[str, str, str]], to_latin: Callable[[str], str] = str
) -> tuple[int, str] | None:
    """Length of source consumed and its target, when the word starts with a stem
    followed by nothing or by an Uzbek suffix (``to_latin`` spells it for the check)."""
    for stem, whole, before_suffix in entries:
        if not word.startswith(stem):
            continue
        rest = word[len(stem) :]
        if rest in ("", "ь"):
            return len(word), whole
        if _SUFFIX.match(to_latin(rest)):
            return len(stem), before_suffix
    return None


# --- Apostrophes and case -------------------------------------------------------------
def normalize_latin(text: str) -> str:
    """Write oʻ, gʻ with U+02BB and the separating sign with U+02BC, whatever
    apostrophe-like character (', `, ‘, ’) the text used."""
    text = re.sub(rf"(?<=[oOgG])[{APOSTROPHES}]", OKINA, text)
    return re.sub(rf"(?<=\w)(?<![oOgG])[{APOSTROPHES}](?=\w)", SIGN, text)


def _cased(segment: str, source: str, all_caps: bool) -> str:
    if all_caps:
        return segment.upper()
    if source[:1].isupper():
        return segment[:1].upper() + segment[1:]
    return segment


def _is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isupper() or c.islower()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# --- Latin -> Cyrillic ----------------------------------------------------------------
def _keep_latin(word: str) -> bool:
    """Brand names and foreign words: letters Uzbek does not use, or inner capitals."""
    lower = word.lower()
    if "w" in lower or re.search(r"c(?!h)", lower):
        return True
    return not _is_all_caps(word) and any(c.isupper() for c in word[1:])


def _ye_after(previous: str) -> str:
    """ye after a consonant comes from ъе (объект, съезд) or ье (пьеса, Вьетнам)."""
    if previous == "ъ":
        return "е"
    return "ъе" if previous in "бдсн" else "ье"


def _l2c_step(word: str, i: int, previous: str) -> tuple[int, str]:
    """Consume letters of a lower-case Latin word at ``i``: (count, Cyrillic).
    ``previous`` is the Cyrillic letter written last ("" at the word start)."""
    rest = word[i:]
    for latin, cyrillic in _L2C_PATTERNS:
        if rest.startswith(latin):
            return len(latin), cyrillic
    after_vowel = previous == "" or previous in CYRILLIC_VOWELS
    if rest.startswith("s" + SIGN + "h"):
        return 3, "сҳ"
    if rest.startswith("yo" + OKINA):
        return 1, "й"
    if rest[:2] in ("yo", "yu", "ya"):
        return 2, {"yo": "ё", "yu": "ю", "ya": "я"}[rest[:2]]
    if rest.startswith("ye"):
        return 2, "е" if after_vowel else _ye_after(previous)
    if rest[:2] in ("o" + OKINA, "g" + OKINA):
        return 2, "ў" if rest[0] == "o" else "ғ"
    if rest[:2] in ("sh", "ch"):
        return 2, "ш" if rest[0] == "s" else "ч"
    char = rest[0]
    if char == "e":
        return 1, "э" if after_vowel else "е"
    if char == SIGN:
        return 1, "ъ"
    return 1, _L2C_SINGLE.get(char, char)


@lru_cache(maxsize=100_000)  # news text repeats its words
def _latin_word_to_cyrillic(word: str) -> str:
    if _keep_latin(word):
        return word
    word = normalize_latin(word)
    lower, all_caps = word.lower(), _is_all_caps(word)
    out, i, previous = [], 0, ""
    match = _lexicon_match(lower, _lexicon()[0])
    if match:
        i, target = match
        out.append(_cased(target, word, all_caps))
        previous = target[-1:]
    while i < len(lower):
        count, target = _l2c_step(lower, i, previous)
        out.append(_cased(target, word[i : i + count], all_caps))
        previous = target[-1:]
        i += count
    return "".join(out)


# --- Cyrillic -> Latin ----------------------------------------------------------------
def _c2l_char(word: str, i: int) -> str:
    char = word[i]
    previous = word[i - 1] if i else ""
    after_vowel = previous == "" or previous in CYRILLIC_VOWELS
    if char == "ц":
        return "ts" if previous and previous in CYRILLIC_VOWELS else "s"
    if char == "е":
        return "ye" if after_vowel or previous in "ъь" else "e"
    if char == "ъ":
        following = word[i + 1 : i + 2]
        # After a consonant before е/ё/ю/я (объект, съезд) the y already separates.
        return "" if not after_vowel and following in ("е", "ё", "ю", "я") else SIGN
    if char == "ҳ" and previous == "с":
        return SIGN + "h"  # Исҳоқ -> Isʼhoq, not Ishoq
    return _C2L_SINGLE.get(char, char)


def _c2l_letters(word: str) -> str:
    return "".join(_c2l_char(word, i) for i in range(len(word)))


@lru_cache(maxsize=100_000)
def _cyrillic_word_to_latin(word: str) -> str:
    lower, all_caps = word.lower(), _is_all_caps(word)
    out, i = [], 0
    match = _lexicon_match(lower, _lexicon()[1], _c2l_letters)
    if match:
        i, target = match
        out.append(_cased(target, word, all_caps))
    while i < len(lower):
        out.append(_cased(_c2l_char(lower, i), word[i], all_caps))
        i += 1
    return "".join(out)


# --- Text -----------------------------------------------------------------------------
def _convert(
    text: str,
    word_pattern: re.Pattern[str],
    convert_word: Callable[[str], str],
    fixed: Mapping[str, str] | None,
) -> str:
    """Convert every word outside protected spans; ``fixed`` spellings win."""
    terms: Mapping[str, str] = fixed or {}
    fixed_pattern = _fixed_pattern(tuple(terms)) if terms else None

    def convert_plain(chunk: str) -> str:
        if fixed_pattern is None:
            return word_pattern.sub(lambda m: convert_word(m.group()), chunk)
        parts = fixed_pattern.split(chunk)
        # split() with one group alternates plain text and matched fixed terms.
        return "".join(
            terms[part] if n % 2 else word_pattern.sub(lambda m: convert_word(m.group()), part)
            for n, part in enumerate(parts)
        )

    out, position = [], 0
    for protected in _PROTECTED.finditer(text):
        out.append(convert_plain(text[position : protected.start()]))
        out.append(protected.group())
        position = protected.end()
    out.append(convert_plain(text[position:]))
    return "".join(out)


@lru_cache(maxsize=32)
def _fixed_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)")


def latin_to_cyrillic(text: str, fixed: Mapping[str, str] | None = None) -> str:
    """Uzbek Latin text (plain or HTML) in Uzbek Cyrillic. ``fixed`` maps Latin
    spellings to the Cyrillic ones to use verbatim (the names glossary)."""
    if fixed:
        fixed = {normalize_latin(k): v for k, v in fixed.items()}
        text = normalize_latin(text)
    return _convert(text, _LATIN_WORD, _latin_word_to_cyrillic, fixed)


def cyrillic_to_latin(text: str, fixed: Mapping[str, str] | None = None) -> str:
    """Uzbek Cyrillic text (plain or HTML) in Uzbek Latin. ``fixed`` maps Cyrillic
    spellings to the Latin ones to use verbatim."""
    return _convert(text, _CYRILLIC_WORD, _cyrillic_word_to_latin, fixed)
