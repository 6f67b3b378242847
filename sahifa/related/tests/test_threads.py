"""The job worker runs its jobs on several threads, which share a language's in-memory
index: scoring while another thread adds rows and words must never see half a change."""

from __future__ import annotations

import random
import threading

from sahifa.related.engine import content_candidates
from sahifa.related.index import Index

WORDS = [f"w{n}" for n in range(400)]


def _terms(rng: random.Random, fresh: str) -> dict[str, int]:
    terms = {w: rng.randint(1, 3) for w in rng.sample(WORDS, 12)}
    terms[fresh] = 1  # a word no row had: the vocabulary grows
    return terms


def test_scoring_while_rows_and_words_are_added_on_other_threads() -> None:
    rng = random.Random(7)
    index = Index("en")
    index.load([(n, _terms(rng, f"seed{n}")) for n in range(1, 301)])
    errors: list[BaseException] = []
    stop = threading.Event()

    def write(offset: int) -> None:
        local = random.Random(offset)
        for n in range(offset, offset + 1500):
            if stop.is_set():
                return
            index.put(n, _terms(local, f"new{n}"))

    def score(seed: int) -> None:
        local = random.Random(seed)
        try:
            for n in range(300):
                vectors = [index.vector(_terms(local, f"query{seed}-{n}")) for _ in range(3)]
                found = content_candidates(index, vectors)
                assert len(found) == 3
        except BaseException as error:  # noqa: BLE001 - any failure of a thread fails the test
            errors.append(error)
            stop.set()

    threads = [threading.Thread(target=write, args=(o,)) for o in (10_000, 20_000)]
    threads += [threading.Thread(target=score, args=(s,)) for s in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, repr(errors[0])
    assert index.size == 300 + 3000
