"""Uzbek for matching only: Cyrillic folded to Latin, apostrophes dropped, common
suffixes cut. Not a transliteration for readers (that lives with the languages app):
both scripts only need to land on the same keys."""

from __future__ import annotations

import re

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "yo", "ў": "o",
    "қ": "q", "ғ": "g", "ҳ": "h", "ы": "i",
}  # fmt: skip
# Cyrillic е at a word's start or after a vowel is written "ye" in Latin.
_YE = re.compile(r"(?:(?<=[аеёиоуўэюяaeiou])|(?<![^\W\d_]))е")
# Every apostrophe-like mark Uzbek Latin text uses (o‘, gʻ, ta'lim) is dropped for matching.
_TABLE = str.maketrans({**_CYRILLIC, "е": "e", **dict.fromkeys("'‘’ʻʼ`´", "")})

# Longest first; cut at most three times and never below three letters of stem.
SUFFIXES = (
    "larning", "laridan", "laridagi", "lardagi", "lardan", "larga", "larni", "lari",
    "imizning", "ingizning", "imiz", "ingiz", "dagi", "ning", "dan", "tan", "lar",
    "lik", "chi", "ga", "ka", "qa", "da", "ta", "ni", "im", "ing", "si", "gi",
)  # fmt: skip
_MIN_STEM = 3


def fold(text: str) -> str:
    """Lower-case Latin keys for Uzbek text written in either script."""
    text = _YE.sub("ye", text.lower())
    return text.translate(_TABLE)


def stem(word: str) -> str:
    for _ in range(3):
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word
