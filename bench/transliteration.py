"""Accuracy of Uzbek Latin <-> Cyrillic transliterators on our word-pair corpus, and
words per second of ours.

    .venv/bin/python -m bench.transliteration

Candidate PyPI libraries (UzTransliterator, latinuzconverter) are measured when they
are importable (they are not dependencies: install them into a scratch virtualenv and
run with ``PYTHONPATH=.``). Their apostrophes are normalised first (oʻ U+02BB, ʼ U+02BC),
so a library is not marked wrong only for writing ‘ or ' instead of ʻ.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from sahifa.languages.transliteration import cyrillic_to_latin, latin_to_cyrillic, normalize_latin

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sahifa/languages/tests/data/translit_corpus.tsv"
# The demo stories were written in Uzbek Latin and Cyrillic separately: running text to
# check the word-pair results against (skipped when the demo content is absent).
DEMO_STORIES = ROOT / "sahifa/demo/content/articles.jsonl"
WORD = re.compile(r"\w[\w\u02bb\u02bc]*")

Converter = tuple[Callable[[str], str], Callable[[str], str]]


def read_corpus() -> list[tuple[str, str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            latin, cyrillic, *direction = line.split("\t")
            rows.append((latin, cyrillic, direction[0] if direction else "both"))
    return rows


def candidates() -> dict[str, Converter]:
    found: dict[str, Converter] = {"sahifa": (latin_to_cyrillic, cyrillic_to_latin)}
    try:
        from UzTransliterator import UzTransliterator

        uzt = UzTransliterator()
        found["UzTransliterator 2.0.2"] = (
            lambda t: uzt.transliterate(t, from_="lat", to="cyr"),
            lambda t: uzt.transliterate(t, from_="cyr", to="lat"),
        )
    except ImportError:
        print("UzTransliterator: not installed, skipped")
    try:
        from latinUzConverter.core import LatinUzConverter

        luc = LatinUzConverter()
        found["latinuzconverter 1.0.2"] = (luc.to_cyrillic, luc.to_latin)
    except ImportError:
        print("latinuzconverter: not installed, skipped")
    return found


def score(convert: Converter, rows: list[tuple[str, str, str]]) -> tuple[float, float]:
    to_cyr, to_lat = convert
    l2c = [r for r in rows if r[2] in ("both", "l2c")]
    c2l = [r for r in rows if r[2] in ("both", "c2l")]
    ok_l2c = sum(_safe(to_cyr, lat) == cyr for lat, cyr, _ in l2c)
    ok_c2l = sum(normalize_latin(_safe(to_lat, cyr)) == lat for lat, cyr, _ in c2l)
    return ok_l2c / len(l2c), ok_c2l / len(c2l)


def _safe(convert: Callable[[str], str], text: str) -> str:
    try:
        return convert(text).strip()
    except Exception as exc:  # a library crashing on a word counts as wrong
        return f"<{type(exc).__name__}>"


def demo_pairs() -> list[tuple[str, str]]:
    """(Latin text, Cyrillic text) of each field of the demo stories told in both."""
    if not DEMO_STORIES.exists():
        return []
    items = [json.loads(line) for line in DEMO_STORIES.read_text().splitlines() if line.strip()]
    by_key: dict[tuple[str, str], dict] = {
        (item.get("x_sahifa_translation_key", ""), item["language"].lower()): item for item in items
    }
    pairs = []
    for (key, language), latin in by_key.items():
        cyrillic = by_key.get((key, "uz-cyrl"))
        if language == "uz" and cyrillic:
            for field in ("headline", "description_text", "body_html"):
                pairs.append((latin.get(field, ""), cyrillic.get(field, "")))
    return pairs


def running_text_score(to_cyr: Callable[[str], str], pairs: list[tuple[str, str]]) -> str:
    right = total = 0
    for latin, cyrillic in pairs:
        got, want = WORD.findall(_safe(to_cyr, latin)), WORD.findall(cyrillic)
        total += len(want)
        if len(got) == len(want):
            right += sum(g == w for g, w in zip(got, want, strict=True))
    return f"{right}/{total} words ({right / max(total, 1):.1%})"


def main() -> None:
    rows = read_corpus()
    print(f"corpus: {len(rows)} word pairs ({CORPUS.name})")
    for name, convert in candidates().items():
        l2c, c2l = score(convert, rows)
        print(f"{name:26} Latin->Cyrillic {l2c:6.1%}   Cyrillic->Latin {c2l:6.1%}")
        if pairs := demo_pairs():
            print(f"{'':26} demo stories Latin->Cyrillic: {running_text_score(convert[0], pairs)}")
    from sahifa.languages import transliteration

    for label, repeat in (("distinct words, cold cache", 1), ("corpus x20, repeated words", 20)):
        transliteration._latin_word_to_cyrillic.cache_clear()
        text = " ".join(lat for lat, _, _ in rows) * repeat
        started = time.perf_counter()
        latin_to_cyrillic(text)
        elapsed = time.perf_counter() - started
        print(f"sahifa speed ({label}): {len(text.split()) / elapsed:,.0f} words/s Latin->Cyrillic")


if __name__ == "__main__":
    main()
