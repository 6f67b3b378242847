"""Text to index terms, per language: tokens, stop words, then stems (Snowball for
English and Russian, suffix cutting for Uzbek after folding both scripts to Latin).

Similar news counts the terms of whole articles (`analyser`, `article_terms`); search
also needs the steps apart (`normaliser`: the words as a reader could type them, folded;
`stemmer`: a word's term), so that it can correct a misspelt word before stemming it."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

import Stemmer
from django.utils.html import strip_tags

from sahifa.core.text import stopwords, uzbek

# Letters only (digits and underscores out), with word-internal apostrophes kept so the
# Uzbek fold sees o‘zbek as one word.
_TOKEN = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")

UZBEK = frozenset({"uz", "uz-cyrl"})


def tokens(text: str) -> list[str]:
    """The words of a text as written (letters, with word-internal apostrophes)."""
    return _TOKEN.findall(text)


@cache
def normaliser(language: str, search: bool = False) -> Callable[[str], list[str]]:
    """Text to its words, lower-cased (Uzbek folded to Latin keys), stop words out:
    search's short lists of function words with ``search``, similar news' long ones
    otherwise."""
    if language in UZBEK:
        uzbek_stop = stopwords.SEARCH_UZBEK if search else stopwords.UZBEK
        stop = frozenset(uzbek.fold(word) for word in uzbek_stop)

        def uzbek_words(text: str) -> list[str]:
            words = (uzbek.fold(w) for w in _TOKEN.findall(text))
            return [w for w in words if len(w) > 1 and w not in stop]

        return uzbek_words
    if language == "ru":
        stop = stopwords.SEARCH_RUSSIAN if search else stopwords.RUSSIAN
    else:
        stop = stopwords.SEARCH_ENGLISH if search else stopwords.ENGLISH

    def snowball_words(text: str) -> list[str]:
        words = _TOKEN.findall(text.lower().replace("ё", "е"))
        return [w for w in words if len(w) > 1 and w not in stop]

    return snowball_words


@cache
def stemmer(language: str) -> Callable[[list[str]], list[str]]:
    """Normalised words to their terms."""
    if language in UZBEK:
        cached_stem = lru_cache(maxsize=200_000)(uzbek.stem)
        return lambda words: [cached_stem(w) for w in words]
    return Stemmer.Stemmer("russian" if language == "ru" else "english").stemWords


@cache
def analyser(language: str) -> Callable[[str], list[str]]:
    """The analyser for a language code (uz, uz-cyrl, ru, en; others get English rules)."""
    normalise, stem = normaliser(language), stemmer(language)
    return lambda text: stem(normalise(text))


def plain_text(rich_text: str) -> str:
    return html.unescape(strip_tags(rich_text or ""))


def article_terms(language: str, headline: str, lead: str, body_html: str) -> dict[str, int]:
    """Term counts of an article's headline, lead and body."""
    analyse = analyser(language)
    text = f"{headline or ''}\n{lead or ''}\n{plain_text(body_html)}"
    return dict(Counter(analyse(text)))
