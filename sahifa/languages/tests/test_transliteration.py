"""The transliteration against the word-pair corpus (both ways) and running text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahifa.languages.transliteration import (
    cyrillic_to_latin,
    latin_to_cyrillic,
    normalize_latin,
)

CORPUS = Path(__file__).with_name("data") / "translit_corpus.tsv"


def corpus(direction: str) -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            latin, cyrillic, *only = line.split("\t")
            if not only or only[0] == direction:
                rows.append((latin, cyrillic))
    return rows


def test_corpus_is_several_hundred_pairs_in_proper_letters():
    rows = corpus("l2c")
    assert len(rows) >= 500
    latin = "".join(lat for lat, _ in rows)
    assert "'" not in latin and "\u2018" not in latin and "\u2019" not in latin
    assert "o\u02bb" in latin and "\u02bc" in latin


def test_latin_to_cyrillic_corpus():
    wrong = [(lat, latin_to_cyrillic(lat), cyr) for lat, cyr in corpus("l2c")]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong, f"{len(wrong)} wrong (latin, got, expected): {wrong[:20]}"


def test_cyrillic_to_latin_corpus():
    wrong = [(cyr, cyrillic_to_latin(cyr), lat) for lat, cyr in corpus("c2l")]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong, f"{len(wrong)} wrong (cyrillic, got, expected): {wrong[:20]}"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Oʻzbekiston Respublikasi Prezidenti", "Ўзбекистон Республикаси Президенти"),
        ("2024-yil 15-sentabrda soat 09:47 da", "2024-йил 15-сентябрда соат 09:47 да"),
        ("Yevropa Ittifoqi va AQSH muzokaralari", "Европа Иттифоқи ва АҚШ музокаралари"),
        ("Isʼhoq aytsa, militsiya keldi.", "Исҳоқ айтса, милиция келди."),
        ("«Yangi Oʻzbekiston» gazetasi", "«Янги Ўзбекистон» газетаси"),
    ],
)
def test_sentences_both_ways(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic
    assert cyrillic_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "kept",
    [
        "https://kun.uz/news/2024/09/15/yangi-qonun?utm=yoʻl",
        "info@sahifa.uz",
        "@sahifa_uz",
        "gazeta.uz",
        "iPhone",
        "WhatsApp",
        "Facebook",
        "YouTube",
        "Coca-Cola",
        "12 345,67",
    ],
)
def test_urls_addresses_brands_and_numbers_stay(kept):
    text = f"Manba: {kept} dedi"
    assert latin_to_cyrillic(text) == f"Манба: {kept} деди"


def test_placeholders_of_translated_strings_stay():
    assert (
        latin_to_cyrillic("Bugun, %(time)s va {count} ta %s") == "Бугун, %(time)s ва {count} та %s"
    )
    assert latin_to_cyrillic("%(slug)r band, %(s)g soniya, %(n)05.2f") == (
        "%(slug)r банд, %(s)g сония, %(n)05.2f"
    )
    assert latin_to_cyrillic("narxlar 30%ini tashkil etdi") == "нархлар 30%ини ташкил этди"


def test_cyrillic_to_latin_leaves_urls_and_latin_words():
    text = "Манба: https://kun.uz/ru/news и iPhone 15"
    assert cyrillic_to_latin(text) == "Manba: https://kun.uz/ru/news i iPhone 15"


def test_html_markup_is_untouched():
    html = '<p>Salom <a href="https://kun.uz/yoʻl" title="yangi">dunyo</a> &amp; <b>yoʻl</b></p>'
    assert latin_to_cyrillic(html) == (
        '<p>Салом <a href="https://kun.uz/yoʻl" title="yangi">дунё</a> &amp; <b>йўл</b></p>'
    )


@pytest.mark.parametrize("apostrophe", ["'", "`", "\u2018", "\u2019", "\u02bb"])
def test_any_apostrophe_is_read_as_the_proper_letter(apostrophe):
    latin = f"O{apostrophe}zbekiston bog{apostrophe}i ma{apostrophe}lumot"
    assert normalize_latin(latin) == "Oʻzbekiston bogʻi maʼlumot"
    assert latin_to_cyrillic(latin) == "Ўзбекистон боғи маълумот"


def test_quotes_around_words_are_not_letters():
    assert latin_to_cyrillic("'salom' dedi") == "'салом' деди"


def test_fixed_spellings_win_over_the_rules():
    fixed = {"Kim Chen In": "Ким Чен Ын"}
    assert latin_to_cyrillic("Kim Chen In keldi", fixed) == "Ким Чен Ын келди"
    assert cyrillic_to_latin("Ким Чен Ын келди", {"Ким Чен Ын": "Kim Chen In"}) == (
        "Kim Chen In keldi"
    )


def test_empty_and_non_letter_text():
    assert latin_to_cyrillic("") == ""
    assert cyrillic_to_latin("2024 — 15%") == "2024 — 15%"
