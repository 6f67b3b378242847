"""What a post says: headline in bold, lead, link; escaped for Telegram's HTML and cut
to its limits as Telegram counts them."""

from __future__ import annotations

import pytest

from sahifa.telegram import config
from sahifa.telegram.message import CAPTION_LIMIT, compose, is_public, shorten, units

from .conftest import TelegramHTML

LINK = "https://news.example.uz/en/world/talks-resume/"


def visible(markup: str) -> str:
    """The text Telegram shows for ``markup`` (refusing markup it would refuse)."""
    return TelegramHTML.read(markup)[0]


def test_headline_in_bold_then_lead_then_link():
    assert compose("Talks resume", "Both sides met.", LINK, CAPTION_LIMIT) == (
        f"<b>Talks resume</b>\n\nBoth sides met.\n\n{LINK}"
    )
    assert compose("Talks resume", "", LINK, CAPTION_LIMIT) == f"<b>Talks resume</b>\n\n{LINK}"


def test_markup_in_the_text_is_shown_as_written():
    markup = compose('AT&T <script> "Q&A"', "1 < 2 & 3 > 2", LINK, CAPTION_LIMIT)
    assert markup.startswith('<b>AT&amp;T &lt;script&gt; "Q&amp;A"</b>')
    assert visible(markup) == f'AT&T <script> "Q&A"\n\n1 < 2 & 3 > 2\n\n{LINK}'


def test_a_long_lead_is_cut_at_a_word_and_the_link_stays():
    lead = " ".join(f"word{n}" for n in range(400))  # about 3,000 characters
    markup = compose("Talks resume", lead, LINK, CAPTION_LIMIT)
    text = visible(markup)
    assert units(text) <= CAPTION_LIMIT and units(text) > CAPTION_LIMIT - 12
    assert text.endswith(f"…\n\n{LINK}")
    shown = text.split("\n\n")[1].removesuffix("…")
    assert lead.startswith(shown) and lead[len(shown)] == " "  # whole words only


def test_escaping_does_not_count_against_the_limit():
    lead = "& " * 600
    text = visible(compose("Q&A", lead, LINK, CAPTION_LIMIT))
    assert units(text) <= CAPTION_LIMIT and units(text) > CAPTION_LIMIT - 4


def test_characters_outside_the_basic_plane_count_twice():
    assert units("😀") == 2
    lead = "😀 " * 600
    text = visible(compose("Emoji", lead, LINK, CAPTION_LIMIT))
    assert units(text) <= CAPTION_LIMIT and "\ud83d" not in text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("one two three", 9, "one two…"),
        ("one two three", 8, "one two…"),
        ("one two three", 7, "one…"),
        ("unbreakable", 5, "unbr…"),
        ("one, two", 6, "one…"),
        ("anything", 0, ""),
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://news.example.uz/media/a.jpg", True),
        ("http://203.0.113.9/media/a.jpg", False),  # documentation range
        ("http://8.8.8.8/media/a.jpg", True),
        ("http://127.0.0.1:8000/media/a.jpg", False),
        ("http://localhost:8000/media/a.jpg", False),
        ("http://192.168.1.20/media/a.jpg", False),
        ("http://[::1]:8000/media/a.jpg", False),
        ("http://newsroom/media/a.jpg", False),
        ("http://sahifa.local/media/a.jpg", False),
    ],
)
def test_which_addresses_telegram_can_fetch(url, public):
    assert is_public(url) is public


def test_settings_that_are_wrong_are_reported(settings):
    settings.SAHIFA_TELEGRAM_TOKEN = "not a token"
    settings.SAHIFA_TELEGRAM_CHANNELS = {"uz": "@kun_uz", "de": "@x_de", "ru": "kun ru"}
    assert [code for code, _ in config.problems()] == ["E001", "E002", "E003"]
    assert config.current() is not None  # posting goes on for what is right


def test_half_a_configuration_posts_nothing_and_says_so(settings):
    settings.SAHIFA_TELEGRAM_TOKEN = ""
    settings.SAHIFA_TELEGRAM_CHANNELS = {"uz": "@kun_uz"}
    assert [code for code, _ in config.problems()] == ["W001"]
    assert config.current() is None
    settings.SAHIFA_TELEGRAM_TOKEN = "123:abc"
    settings.SAHIFA_TELEGRAM_CHANNELS = {}
    assert [code for code, _ in config.problems()] == ["W002"]
    assert config.current() is None


def test_good_settings_pass_the_check(settings):
    from django.core.checks import run_checks

    settings.SAHIFA_TELEGRAM_TOKEN = "7311245867:AAFf3kq9Tq0b2m7Yw"
    settings.SAHIFA_TELEGRAM_CHANNELS = {"uz": "@kun_uz", "ru": "@kun_ru", "en": "-100123"}
    assert not [m for m in run_checks() if m.id and m.id.startswith("sahifa_telegram")]
