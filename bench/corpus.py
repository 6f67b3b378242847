"""News text for benchmarks, per language: real articles replicated from the shared data
folder when it is present (BBC News in English, RIA Novosti in Russian), sentences
generated from small word lists otherwise (and always for Uzbek, which has no corpus)."""

from __future__ import annotations

import csv
import os
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The development data beside the checkout (../shared/data), or where SAHIFA_BENCH_DATA says.
DATA_DIR = Path(
    os.environ.get("SAHIFA_BENCH_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
LANGUAGES = ("uz", "uz-cyrl", "ru", "en")


@dataclass(frozen=True)
class Text:
    headline: str
    lead: str
    paragraphs: tuple[str, ...]


# Made-up vocabularies: enough variety for realistic lengths and index sizes.
_VOCABULARY = {
    "uz": (
        "prezident vazirlik hukumat loyiha yangi shahar viloyat tuman aholi iqtisodiyot "
        "sanoat qishloq xo'jalik eksport import bank kredit soliq byudjet maktab universitet "
        "talaba o'qituvchi shifoxona shifokor sport jamoa o'yin chempionat futbol madaniyat "
        "teatr kino kitob muzey texnologiya internet telefon dastur yo'l ko'prik qurilish "
        "bino suv energiya gaz elektr narx bozor savdo tadbirkor xalqaro hamkorlik uchrashuv "
        "muzokara kelishuv qaror qonun sud prokuratura militsiya ob-havo harorat yomg'ir "
        "qor bahor yoz kuz qish bugun kecha ertaga yil oy hafta kun muhim katta kichik"
    ),
    "uz-cyrl": (
        "президент вазирлик ҳукумат лойиҳа янги шаҳар вилоят туман аҳоли иқтисодиёт "
        "саноат қишлоқ хўжалик экспорт импорт банк кредит солиқ бюджет мактаб университет "
        "талаба ўқитувчи шифохона шифокор спорт жамоа ўйин чемпионат футбол маданият "
        "театр кино китоб музей технология интернет телефон дастур йўл кўприк қурилиш "
        "бино сув энергия газ электр нарх бозор савдо тадбиркор халқаро ҳамкорлик учрашув "
        "музокара келишув қарор қонун суд прокуратура милиция об-ҳаво ҳарорат ёмғир "
        "қор баҳор ёз куз қиш бугун кеча эртага йил ой ҳафта кун муҳим катта кичик"
    ),
    "ru": (
        "президент министерство правительство проект новый город область район жители "
        "экономика промышленность сельское хозяйство экспорт импорт банк кредит налог "
        "бюджет школа университет студент учитель больница врач спорт команда игра "
        "чемпионат футбол культура театр кино книга музей технологии интернет телефон "
        "программа дорога мост строительство здание вода энергия газ цена рынок торговля "
        "предприниматель международный сотрудничество встреча переговоры соглашение "
        "решение закон суд погода температура дождь снег сегодня вчера завтра год месяц"
    ),
    "en": (
        "president ministry government project new city region district residents economy "
        "industry agriculture exports imports bank loan tax budget school university "
        "student teacher hospital doctor sport team match championship football culture "
        "theatre film book museum technology internet phone software road bridge building "
        "water energy gas electricity price market trade business international talks "
        "meeting agreement decision law court police weather temperature rain snow today "
        "yesterday tomorrow year month week day important large small officials said"
    ),
}
WORDS = {language: words.split() for language, words in _VOCABULARY.items()}


def _sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    chosen = rng.choices(words, k=rng.randint(low, high))
    return " ".join(chosen).capitalize() + "."


def generated(language: str, count: int, seed: int = 1) -> list[Text]:
    """``count`` made-up articles: a headline, a one-sentence lead, 4-8 paragraphs."""
    rng = random.Random(f"{seed}-{language}")
    words = WORDS[language]
    texts = []
    for _ in range(count):
        paragraphs = tuple(
            " ".join(_sentence(rng, words, 8, 20) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(4, 8))
        )
        headline = _sentence(rng, words, 5, 11).rstrip(".")
        texts.append(Text(headline, _sentence(rng, words, 12, 25), paragraphs))
    return texts


def bbc(path: Path = DATA_DIR / "bbc-fulltext.zip") -> list[Text]:
    """BBC News texts: first line the title, then paragraphs separated by blank lines."""
    if not path.exists():
        return []
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".txt"):
                continue
            raw = archive.read(name).decode("utf-8", errors="replace")
            blocks = [" ".join(b.split()) for b in raw.split("\n\n")]
            blocks = [b for b in blocks if b]
            if len(blocks) >= 3:
                texts.append(Text(blocks[0], blocks[1], tuple(blocks[2:])))
    return texts


def ria(folder: Path = DATA_DIR / "ria-ru") -> list[Text]:
    """RIA Novosti rows: title, subtitle as lead, body split into paragraphs."""
    if not folder.is_dir():
        return []
    csv.field_size_limit(10_000_000)
    texts = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                body = [" ".join(p.split()) for p in (row.get("content") or "").split("  ")]
                body = [p for p in body if p]
                if row.get("title") and body:
                    texts.append(Text(row["title"].strip(), row.get("subtitle") or "", tuple(body)))
    return texts


def texts_by_language(generated_count: int = 2000, seed: int = 1) -> dict[str, list[Text]]:
    """A pool of texts per language; real ones where the data folder has them."""
    real = {"en": bbc(), "ru": ria()}
    return {lang: real.get(lang) or generated(lang, generated_count, seed) for lang in LANGUAGES}


def cycle(texts: list[Text]) -> Iterator[Text]:
    while True:
        yield from texts
