"""Words a reader may have misspelt: the index's words within one edit (two for words of
six letters or more, as OpenSearch's `fuzziness: AUTO`). One edit is found exactly, by
looking every spelling one edit away up in the vocabulary (a few hundred keys, one
indexed query); two edits through each database's trigram index (`backends`)."""

from __future__ import annotations

import re

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_CYRILLIC_LETTER = re.compile(r"[а-я]")


def max_edits(word: str) -> int:
    """OpenSearch's AUTO: none up to two letters, one up to five, then two."""
    if len(word) <= 2:
        return 0
    return 1 if len(word) <= 5 else 2


def edits1(word: str) -> set[str]:
    """Every spelling one deletion, transposition, substitution or insertion away."""
    alphabet = CYRILLIC if _CYRILLIC_LETTER.search(word) else LATIN
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return (deletes | transposes | replaces | inserts) - {word}


def distance(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with transpositions (optimal string alignment), or limit + 1 once
    it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
