"""The `snippet` filter: list items' short text."""

from __future__ import annotations

import pytest

from sahifa.core.templatetags.news import snippet

LONG = (
    "Ukrainian officials said on Tuesday that territorial questions could only be "
    "settled at the highest level, and that a serious agreement was hard to reach "
    "without direct talks between the two presidents, which have not been scheduled."
)


def test_short_text_is_kept_whole():
    assert snippet("  A short   lead.\n") == "A short lead."


def test_long_text_is_cut_at_a_word_within_200_characters():
    result = snippet(LONG)
    assert len(LONG) > 200 and len(result) <= 200
    assert result.endswith("…")
    kept = result[:-1]
    assert LONG.startswith(kept)
    assert LONG[len(kept)] in " ,."  # the cut falls between words
    assert kept == LONG[:200].rsplit(" ", 1)[0].rstrip(",")


@pytest.mark.parametrize("limit", [10, 21, 22, 23, 40])
def test_a_word_ending_exactly_at_the_limit_is_kept(limit):
    text = "alpha beta gamma delta epsilon zeta eta theta"
    assert len(text) > limit
    result = snippet(text, limit)
    assert len(result) <= limit
    words = result.rstrip("…").split(" ")
    assert all(word in text.split(" ") for word in words)
    # No room was wasted: one more word would not have fit.
    longer = " ".join(text.split(" ")[: len(words) + 1])
    assert len(longer) + 1 > limit


def test_html_is_reduced_to_text():
    html = "<p>Fish &amp; chips</p><p>are <b>back</b>.</p>"
    assert snippet(html) == "Fish & chips are back."


def test_one_giant_word_is_cut_hard():
    assert snippet("x" * 300) == "x" * 199 + "…"


def test_empty():
    assert snippet(None) == "" and snippet("") == ""
