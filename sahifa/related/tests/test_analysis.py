"""Per-language analysis and the evaluation's arithmetic."""

from __future__ import annotations

from sahifa.core.text.analysis import analyser, article_terms
from sahifa.related.evaluation import held_back, precision_and_coverage


def test_uzbek_cyrillic_and_latin_reach_the_same_terms():
    latin = analyser("uz")("O‘zbekiston prezidenti Toshkentdagi maktablarni ko‘rdi, yer")
    cyrillic = analyser("uz-cyrl")("Ўзбекистон президенти Тошкентдаги мактабларни кўрди, ер")
    assert latin == cyrillic
    assert "toshkent" in latin and "maktab" in latin


def test_stop_words_and_stems_per_language():
    assert analyser("en")("The elections and the voters") == ["elect", "voter"]
    assert analyser("ru")("Выборы и избиратели в Ташкенте") == ["выбор", "избирател", "ташкент"]
    assert analyser("uz")("va bilan saylovlar") == ["saylov"]


def test_article_terms_read_headline_lead_and_body_text():
    terms = article_terms("en", "Kyrgyz vote", "Ink at polls", "<p>Ballot &amp; <b>ink</b></p>")
    assert terms == {"kyrgyz": 1, "vote": 1, "ink": 2, "poll": 1, "ballot": 1}


def test_labels_are_held_back_from_what_is_imported():
    item = {"uri": "u", "headline": "h", "subject": [{"code": "sport"}], "keywords": ["x"]}
    hidden = held_back(item)
    assert hidden["subject"] == [{"code": "evaluation", "name": "Evaluation"}]
    assert "keywords" not in hidden and "sport" not in str(hidden)


def test_precision_counts_shared_labels_and_coverage_counts_full_lists():
    labels = {"a": frozenset({"x"}), "b": frozenset({"x"}), "c": frozenset({"y"})}
    lists = {"a": ["b", "c"], "b": ["a"], "c": ["a", "b"]}
    assert precision_and_coverage(lists, labels, 2) == ((0.5 + 0.5 + 0) / 3, 2 / 3)


def test_english_stop_words_are_scikit_learns_list_and_ours():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from sahifa.core.text import stopwords

    assert frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "mr", "mrs", "ms"} == stopwords.ENGLISH
