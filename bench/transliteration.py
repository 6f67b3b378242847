"""Accuracy of Uzbek Latin <-> Cyrillic transliterators on our word-pair corpus, and
words per second of ours.

    .venv/bin/python -m bench.transliteration

Candidate PyPI libraries (UzTransliterator, latinuzconverter) are measured when they
are importable (they are not dependencies: install them into a scratch virtualenv and
run with ``PYTHONPATH=.``). Their apostrophes are normalised first (oʻ U+02BB, ʼ U+02BC),
so a library is not marked wrong only for writing ‘ or ' instead of ʻ.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sahifa.languages.transliteration import cyrillic_to_latin, latin_to_cyrillic, normalize_latin

CORPUS = Path(__file__).resolve().parent.parent / "sahifa/languages/tests/data/translit_corpus.tsv"

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


def main() -> None:
    rows = read_corpus()
    print(f"corpus: {len(rows)} word pairs ({CORPUS.name})")
    for name, convert in candidates().items():
        l2c, c2l = score(convert, rows)
        print(f"{name:26} Latin->Cyrillic {l2c:6.1%}   Cyrillic->Latin {c2l:6.1%}")
    text = " ".join(lat for lat, _, _ in rows) * 20
    started = time.perf_counter()
    latin_to_cyrillic(text)
    elapsed = time.perf_counter() - started
    print(f"sahifa speed: {len(text.split()) / elapsed:,.0f} words/s Latin->Cyrillic")


if __name__ == "__main__":
    main()
