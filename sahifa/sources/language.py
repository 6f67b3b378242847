"""Which of the site's languages a text is in: by its script, the letters only Uzbek
Cyrillic has, and the commonest words. Enough to check a source's language and to sort
a mixed feed; not a general language identifier."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")
_UZ_CYRILLIC_LETTERS = set("ўқғҳЎҚҒҲ")
_COMMON = {
    "uz": {"va", "bilan", "uchun", "bu", "ham", "bo‘yicha", "boʻyicha", "yil", "yilda", "qilib",
           "esa", "emas", "bo‘ldi", "boʻldi", "dedi", "haqida", "o‘z", "oʻz", "kerak", "mumkin"},
    "en": {"the", "and", "of", "to", "in", "is", "for", "on", "that", "with", "was", "said",
           "by", "as", "at", "from", "has", "have", "are", "it"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "о", "это", "как", "из", "за", "для",
           "от", "его", "года", "также", "был", "была", "сообщает"},
    "uz-cyrl": {"ва", "билан", "учун", "бу", "ҳам", "бўйича", "йил", "йилда", "қилиб", "эса",
                "эмас", "бўлди", "деди", "ҳақида", "ўз", "керак", "мумкин"},
}  # fmt: skip
MIN_WORDS = 8


def detect(text: str) -> str | None:
    """The language code (uz, uz-cyrl, ru, en), or None when the text is too short or
    matches none well enough."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    cyrillic = sum(1 for w in words if "а" <= w[0] <= "я" or w[0] in "ёўқғҳ")
    if cyrillic * 2 > len(words):
        if any(letter in _UZ_CYRILLIC_LETTERS for letter in text):
            return "uz-cyrl"
        counts = _counts(words, ("ru", "uz-cyrl"))
        return "uz-cyrl" if counts["uz-cyrl"] > counts["ru"] else "ru"
    counts = _counts(words, ("uz", "en"))
    if counts["uz"] == counts["en"]:
        return "uz" if re.search(r"[oOgG][‘ʻ'’]", text) else None
    return max(("uz", "en"), key=lambda code: counts[code])


def _counts(words: list[str], languages: tuple[str, ...]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in words:
        for code in languages:
            if word in _COMMON[code]:
                counts[code] += 1
    return counts


def disagrees(declared: str, text: str) -> str | None:
    """The language the text is in when it is clearly not ``declared``."""
    found = detect(text)
    return found if found and found != declared else None
