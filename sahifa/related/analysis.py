"""Text to index terms, per language: tokens, stop words, then stems (Snowball for
English and Russian, suffix cutting for Uzbek after folding both scripts to Latin)."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

import Stemmer
from django.utils.html import strip_tags

from sahifa.related import stopwords, uzbek

# Letters only (digits and underscores out), with word-internal apostrophes kept so the
# Uzbek fold sees o‘zbek as one word.
_TOKEN = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")


def _snowball(algorithm: str, stop: frozenset[str]) -> Callable[[str], list[str]]:
    stemmer = Stemmer.Stemmer(algorithm)

    def analyse(text: str) -> list[str]:
        words = [w for w in _TOKEN.findall(text.lower().replace("ё", "е")) if len(w) > 1]
        return stemmer.stemWords([w for w in words if w not in stop])

    return analyse


def _uzbek() -> Callable[[str], list[str]]:
    stop = frozenset(uzbek.fold(word) for word in stopwords.UZBEK)
    cached_stem = lru_cache(maxsize=200_000)(uzbek.stem)

    def analyse(text: str) -> list[str]:
        words = (uzbek.fold(w) for w in _TOKEN.findall(text))
        return [cached_stem(w) for w in words if len(w) > 1 and w not in stop]

    return analyse


@cache
def analyser(language: str) -> Callable[[str], list[str]]:
    """The analyser for a language code (uz, uz-cyrl, ru, en; others get English rules)."""
    if language in {"uz", "uz-cyrl"}:
        return _uzbek()
    if language == "ru":
        return _snowball("russian", stopwords.RUSSIAN)
    return _snowball("english", stopwords.ENGLISH)


def plain_text(rich_text: str) -> str:
    return html.unescape(strip_tags(rich_text or ""))


def article_terms(language: str, headline: str, lead: str, body_html: str) -> dict[str, int]:
    """Term counts of an article's headline, lead and body."""
    analyse = analyser(language)
    text = f"{headline or ''}\n{lead or ''}\n{plain_text(body_html)}"
    return dict(Counter(analyse(text)))
