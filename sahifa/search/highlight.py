"""What a result shows of an article: its headline and a passage of its text around the
words searched for, the matching words marked. Words match as the index matched them
(normalised and stemmed), so "elections" marks "election" and Cyrillic marks Latin."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sahifa.core.text.analysis import normaliser, stemmer

PASSAGE_WORDS = 36
_WORD = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")


def matcher(language: str, terms: set[str]) -> Callable[[str], bool]:
    normalise, stem = normaliser(language, search=True), stemmer(language)
    # A page's texts repeat their words: each is analysed once (the analysis was most
    # of a results page's time).
    known: dict[str, bool] = {}

    def matches(token: str) -> bool:
        if token not in known:
            words = normalise(token)
            known[token] = bool(words) and stem(words)[0] in terms
        return known[token]

    return matches


def mark(text: str, matches: Callable[[str], bool]) -> SafeString:
    """The text, escaped, with matching words in <mark>."""
    out: list[str] = []
    last = 0
    for found in _WORD.finditer(text):
        if matches(found.group()):
            out.append(escape(text[last : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece escaped above


def passage(text: str, matches: Callable[[str], bool], size: int = PASSAGE_WORDS) -> SafeString:
    """The ``size`` words of the text with the most matches (the start when none)."""
    words = text.split()
    if len(words) <= size:
        return mark(text, matches)
    hits = [i for i, word in enumerate(words) if any(matches(w) for w in _WORD.findall(word))]
    start = 0
    if hits:
        # The first window of ``size`` words holding the most matches (hits are in
        # order, so a window's count is one bisection, not a scan of every hit).
        counts = [bisect_left(hits, h + size) - n for n, h in enumerate(hits)]
        best = hits[counts.index(max(counts))]
        start = max(0, min(best - 4, len(words) - size))
    chunk = " ".join(words[start : start + size])
    before = "… " if start else ""
    after = " …" if start + size < len(words) else ""
    return mark_safe(escape(before) + mark(chunk, matches) + escape(after))
