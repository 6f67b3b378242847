"""The analysis search shares with similar news, as search uses it: words a reader types
become the terms articles were indexed under, in each language and script."""

from __future__ import annotations

from sahifa.core.text.analysis import analyser
from sahifa.search import typos
from sahifa.search.documents import terms, written_words


def test_english_and_russian_are_stemmed_and_stop_words_dropped():
    assert terms("en", "The elections of the voters") == "elect voter"
    assert terms("en", "election") == terms("en", "elections")
    assert terms("ru", "Выборы в парламент") == terms("ru", "выборов парламента")
    assert terms("ru", "Ёлка") == terms("ru", "елка")


def test_search_drops_function_words_only_and_keeps_news_words():
    # Similar news drops these as saying little about a story; a reader means them.
    assert terms("en", "the fire and the bill") == "fire bill"
    assert analyser("en")("fire bill system interest") == []
    assert terms("ru", "заявил о пожаре") == terms("ru", "заявил пожаре")
    assert terms("ru", "заявил") and not analyser("ru")("заявил")
    assert terms("uz", "yil xabar va bilan") == terms("uz", "yil xabar")
    assert terms("uz", "yil xabar") and not analyser("uz")("yil xabar")


def test_uzbek_scripts_fold_to_the_same_terms_and_suffixes_are_cut():
    latin = terms("uz", "Oʻzbekiston maktablarida saylovlar")
    assert latin == terms("uz-cyrl", "Ўзбекистон мактабларида сайловлар")
    assert latin == terms("uz", "O'zbekiston maktablarida saylovlar")  # ASCII apostrophe
    assert terms("uz", "maktab") == terms("uz", "maktablarning")
    assert terms("uz", "va bilan uchun") == ""


def test_the_vocabulary_keeps_each_word_as_written():
    words = written_words("uz", "Oʻzbekiston maktablari")
    assert words["ozbekiston"] == (terms("uz", "Oʻzbekiston"), "oʻzbekiston")
    assert written_words("uz-cyrl", "Мактаблари")["maktablari"][1] == "мактаблари"


def test_one_edit_away_and_how_many_edits_a_word_allows():
    assert {"house", "hose", "hue", "houe"} - {"houe"} <= typos.edits1("houe")
    assert "house" in typos.edits1("hoesu") or typos.distance("hoesu", "house") <= 2
    assert typos.distance("kyrgyzstan", "kyrgystan") == 1
    assert typos.distance("recieve", "receive") == 1  # a transposition is one edit
    assert typos.distance("abcdef", "badcfe", limit=2) == 3
    assert [typos.max_edits(w) for w in ("at", "cat", "house", "houses", "parliament")] == [
        0, 1, 1, 2, 2,
    ]  # fmt: skip
    assert "выборы" in typos.edits1("выборв")
