"""A reader's query to a plan every engine runs: words to terms (with their likely
corrections), quoted phrases, and "did you mean".

Whatever is typed is text: the only structure read is a pair of double quotes (a phrase);
everything else goes through the analysis, which keeps letters alone, so no operator,
markup or SQL reaches an engine as syntax."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connection

from sahifa.core.text.analysis import normaliser, stemmer, tokens
from sahifa.search import typos
from sahifa.search.models import SearchWord

MAX_QUERY = 300  # characters read of a query; the rest is cut
MAX_WORDS = 12
CORRECTIONS = 4  # alternatives kept for a misspelt word
RARE = 2  # a word this rare in the index may itself be a typo: its neighbours join it
_QUOTED = re.compile(r'"([^"]*)"')


class WordSource(Protocol):
    def similar_words(self, language: str, word: str, limit: int) -> list[str]: ...


@dataclass(frozen=True)
class Group:
    """One word of the query: any of its terms matches."""

    word: str
    terms: tuple[str, ...]
    correction: str | None = None  # the likeliest word meant, as written (did you mean)
    corrected: tuple[str, ...] = ()  # the words of the index it may be a typo of

    def spellings(self) -> set[str]:
        return {self.word, *self.corrected}


@dataclass
class Plan:
    language: str
    text: str
    groups: list[Group] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.phrases

    @property
    def size(self) -> int:
        return len(self.groups) + len(self.phrases)

    def terms(self) -> set[str]:
        """Every term the query can match (what a snippet highlights)."""
        found = {t for g in self.groups for t in g.terms}
        return found | {t for p in self.phrases for t in p}

    def suggestion(self) -> str | None:
        """The query with its misspelt words replaced, or None when nothing was."""
        fixes = {g.word: g.correction for g in self.groups if g.correction}
        if not fixes:
            return None
        normalise = normaliser(self.language, search=True)
        out = []
        for token in re.split(r"(\s+)", self.text):
            words = normalise(token.lower())
            out.append(fixes.get(words[0], token) if len(words) == 1 else token)
        return "".join(out).strip()


def cut(text: str) -> str:
    return (text or "")[:MAX_QUERY].strip()


def make_plan(language: str, text: str, source: WordSource) -> Plan:
    text = cut(text)
    plan = Plan(language, text)
    normalise, stem = normaliser(language, search=True), stemmer(language)
    for quoted in _QUOTED.findall(text):
        terms = tuple(stem(normalise(quoted)))
        if len(terms) > 1:
            plan.phrases.append(terms)
        elif terms:
            plan.groups.append(Group(terms[0], terms))
    words = list(dict.fromkeys(normalise(_QUOTED.sub(" ", text))))[:MAX_WORDS]
    if words:
        plan.groups.extend(_groups(language, words, stem(words), source))
    return plan


def vocabulary(
    language: str, words: Sequence[str], stems: Sequence[str] = ()
) -> list[tuple[str, str, str, int]]:
    """(word, term, as written, articles) of the language's words that are one of
    ``words`` or have one of ``stems`` as their term, commonest first. Raw SQL, in one
    round trip: this runs for every search, and building the ORM's query for hundreds of
    values cost more than running it."""
    table = SearchWord._meta.db_table
    selects: list[str] = []
    params: list[Any] = []
    for column, values in (("word", words), ("stem", stems)):
        if not values:
            continue
        found: list[Any]
        if connection.vendor == "postgresql":
            # One array: a typo's hundreds of candidate words are neither quoted one by
            # one nor planned as a list of hundreds.
            matching, found = f"{column} = ANY(%s)", [list(values)]
        else:
            matching, found = f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)
        selects.append(
            f"SELECT word, stem, display, documents FROM {table} WHERE language = %s AND {matching}"
        )
        params += [language, *found]
    if not selects:
        return []
    # A UNION, not an OR: each part is its own index's look-up (SQLite answered an OR
    # of the two by reading every word of the language).
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(selects) + " ORDER BY documents DESC", params)
        return cursor.fetchall()


def _groups(language: str, words: list[str], terms: list[str], source: WordSource) -> list[Group]:
    rows = vocabulary(language, words, terms)
    asked = set(words)
    counts = {word: n for word, _, _, n in rows if word in asked}
    known = {term for _, term, _, _ in rows} & set(terms)
    groups = []
    for word, term in zip(words, terms, strict=True):
        if term in known and counts.get(word, RARE + 1) > RARE:
            groups.append(Group(word, (term,)))
            continue
        found = corrections(language, word, source, more_than=counts.get(word, 0))
        shown = found[0][2] if found and term not in known else None
        alternatives = (term, *dict.fromkeys(t for _, t, _ in found))
        groups.append(Group(word, alternatives, shown, tuple(w for w, _, _ in found)))
    return groups


def corrections(
    language: str, word: str, source: WordSource, more_than: int = 0
) -> list[tuple[str, str, str]]:
    """Words of the index within the word's edits, likeliest first: (word, term, as
    written). With ``more_than``, only words used more often than that."""
    edits = typos.max_edits(word)
    if edits == 0:
        return []
    rows = vocabulary(language, sorted(typos.edits1(word)))
    if not rows and edits >= 2:
        near = [w for w in source.similar_words(language, word, 60) if typos.distance(word, w) <= 2]
        rows = sorted(vocabulary(language, near), key=lambda r: typos.distance(word, r[0]))
    return [(w, t, shown) for w, t, shown, n in rows if n > more_than][:CORRECTIONS]


def words_of(language: str, text: str) -> list[str]:
    """The query's words as the index keeps them (for prefixes and highlights)."""
    return normaliser(language, search=True)(" ".join(tokens(text)))
