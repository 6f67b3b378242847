"""Near-duplicates across sources: the same story from two outlets, lightly edited,
perhaps one in Uzbek Latin and the other in Uzbek Cyrillic.

Each item's text goes through the similar-news analysis (stop words out, stems, Uzbek
folded to one script), then into overlapping three-word shingles, summarised by a
MinHash signature of 64 numbers. The share of equal numbers of two signatures estimates
how much of their shingles two texts share (Jaccard); at or above the threshold
(`SAHIFA_SOURCES_DUPLICATE_THRESHOLD`, default 0.4) the later item is a duplicate of
the first. `bench/sources_dupes.py` measures precision and recall.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
from django.conf import settings

from sahifa.core.text.analysis import analyser

PERMUTATIONS = 64
SHINGLE = 3
_PRIME = np.uint64(4294967311)  # above 2**32
_rng = np.random.default_rng(20261206)  # fixed: signatures stored in the database last
_A = _rng.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)


def threshold() -> float:
    return float(getattr(settings, "SAHIFA_SOURCES_DUPLICATE_THRESHOLD", 0.4))


def shingles(language: str, text: str) -> set[int]:
    terms = analyser("uz" if language == "uz-cyrl" else language)(text)
    if len(terms) < SHINGLE:
        grams = [" ".join(terms)] if terms else []
    else:
        grams = [" ".join(terms[i : i + SHINGLE]) for i in range(len(terms) - SHINGLE + 1)]
    return {zlib.crc32(gram.encode()) for gram in grams}


def signature(language: str, text: str) -> bytes:
    """64 × 4 bytes; empty for a text with no words to compare."""
    hashes = np.fromiter(shingles(language, text), dtype=np.uint64)
    if hashes.size == 0:
        return b""
    mixed = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return mixed.min(axis=0).astype(np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    if not a or not b:
        return 0.0
    return float(np.mean(np.frombuffer(a, np.uint32) == np.frombuffer(b, np.uint32)))


class Index:
    """Signatures of recent items, to find the first near-duplicate of a new one from
    another source."""

    def __init__(self, rows: Iterable[tuple[int, int, bytes]] = ()) -> None:
        self.ids: list[int] = []
        self.sources: list[int] = []
        self.signatures: list[np.ndarray] = []
        for item_id, source_id, sig in rows:
            self.add(item_id, source_id, sig)

    def add(self, item_id: int, source_id: int, sig: bytes) -> None:
        if len(sig) == PERMUTATIONS * 4:
            self.ids.append(item_id)
            self.sources.append(source_id)
            self.signatures.append(np.frombuffer(sig, np.uint32))

    def first_match(self, source_id: int, sig: bytes) -> int | None:
        """The id of the earliest item of another source at or above the threshold."""
        if len(sig) != PERMUTATIONS * 4 or not self.ids:
            return None
        shares = (np.vstack(self.signatures) == np.frombuffer(sig, np.uint32)).mean(axis=1)
        others = np.asarray(self.sources) != source_id
        hits = np.flatnonzero((shares >= threshold()) & others)
        return self.ids[int(hits[0])] if hits.size else None
