"""Near-duplicates across sources: how well `sahifa.sources.dupes` finds the same story
taken from two outlets. Source A carries N real stories (RIA Novosti in Russian, BBC in
English when ../shared/data is there; generated Uzbek always); source B carries light
edits of half of them (a new headline, a sentence dropped, a few words changed, an
outlet's sign-off; Uzbek copies also written in Cyrillic) and N/2 other stories. Each
B item is matched against A as the poller does; prints precision and recall per
language and threshold.

    .venv/bin/python bench/sources_dupes.py            # 1,000 stories per language
    .venv/bin/python bench/sources_dupes.py -n 300     # quicker
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahifa.settings")

import django  # noqa: E402
import numpy as np  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402

from bench.corpus import WORDS, Text, bbc, generated, ria  # noqa: E402
from sahifa.languages.transliteration import latin_to_cyrillic  # noqa: E402
from sahifa.sources import dupes  # noqa: E402

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
SIGN_OFFS = {
    "en": "Reporting by our correspondent; editing by the desk.",
    "ru": "Об этом сообщает корреспондент агентства.",
    "uz": "Bu haqda agentlik muxbiri xabar berdi.",
}


def full_text(text: Text) -> str:
    return " ".join((text.headline, text.lead, *text.paragraphs))


def light_edit(text: Text, language: str, rng: random.Random) -> str:
    """What a second outlet does to an agency story."""
    paragraphs = list(text.paragraphs)
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    words = " ".join(paragraphs).split()
    vocabulary = WORDS["uz" if language == "uz-cyrl" else language]
    for _ in range(max(1, len(words) // 30)):  # about 3% of the words changed
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    headline = " ".join(rng.sample(vocabulary, 6)).capitalize()
    edited = " ".join((headline, text.lead, " ".join(words), SIGN_OFFS.get(language, "")))
    return latin_to_cyrillic(edited) if language == "uz-cyrl" else edited


def distinct(pool: list[Text], language: str) -> list[Text]:
    """The corpus without its own repeats (news sets hold the same story under several
    headlines): a story sharing a third of its shingles with a kept one is left out, so
    a match between two of them is not counted as a mistake."""
    kept: list[Text] = []
    signatures: list[np.ndarray] = []
    shingles: list[set[int]] = []
    for text in pool:
        body = full_text(text)
        sig = np.frombuffer(dupes.signature(language, body), np.uint32)
        mine = dupes.shingles(language, body)
        if sig.size and signatures:
            shares = (np.vstack(signatures) == sig).mean(axis=1)
            near = np.flatnonzero(shares >= 0.2)
            if any(jaccard(mine, shingles[i]) >= 0.33 for i in near):
                continue
        if sig.size:
            signatures.append(sig)
            shingles.append(mine)
            kept.append(text)
    return kept


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def stories(language: str, count: int) -> tuple[list[Text], str]:
    wanted = count * 3 // 2
    pool = {"en": bbc, "ru": ria}.get(language, lambda: [])()
    kind = "real"
    if len(pool) < wanted:
        pool, kind = generated("uz" if language == "uz-cyrl" else language, wanted, 7), "generated"
    sample = random.Random(language).sample(pool, min(len(pool), wanted * 2))
    return distinct(sample, "uz" if language == "uz-cyrl" else language)[:wanted], kind


def measure(
    language: str, count: int
) -> tuple[str, dict[float, tuple[float, float]], float, tuple[int, int]]:
    rng = random.Random(f"edit-{language}")
    pool, kind = stories(language, count)
    originals, others = pool[:count], pool[count:]
    analysed = "uz" if language == "uz-cyrl" else language
    started = time.process_time()
    index = dupes.Index()
    for number, text in enumerate(originals):
        index.add(number, 1, dupes.signature(analysed, full_text(text)))
    copies = [(n, light_edit(originals[n], language, rng)) for n in range(0, count, 2)]
    items = copies + [(None, full_text(t)) for t in others]
    signatures = [(n, dupes.signature(language, text)) for n, text in items]
    figures = {}
    for threshold in THRESHOLDS:
        with override_settings(SAHIFA_SOURCES_DUPLICATE_THRESHOLD=threshold):
            found = [(n, index.first_match(2, sig)) for n, sig in signatures]
        flagged = [(n, m) for n, m in found if m is not None]
        right = sum(1 for n, m in flagged if n == m)
        precision = right / len(flagged) if flagged else 1.0
        recall = right / len(copies)
        figures[threshold] = (precision, recall)
    compared = len(originals) + len(items) * len(THRESHOLDS)
    cpu_ms = (time.process_time() - started) * 1000 / compared
    return kind, figures, cpu_ms, (len(copies), len(others))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--stories", type=int, default=1000)
    args = parser.parse_args()
    print(f"{args.stories} stories in source A per language; B: {args.stories // 2} light "
          f"edits of them and {args.stories // 2} other stories")  # fmt: skip
    print(f"{'language':<10}{'text':<11}" + "".join(f"  t={t:<4} P / R     " for t in THRESHOLDS))
    for language in ("ru", "en", "uz", "uz-cyrl"):
        kind, figures, cpu_ms, (copies, others) = measure(language, args.stories)
        row = "".join(f"  {p:6.3f} / {r:6.3f}  " for p, r in figures.values())
        print(f"{language:<10}{kind:<11}{row}   (B: {copies} copies, {others} others; "
              f"{cpu_ms:.2f} ms CPU an item)")  # fmt: skip
    print(f"default threshold: {dupes.threshold()}")


if __name__ == "__main__":
    main()
