"""What a reader sees, in each language: numbers, conditions, compass points, cities."""

from __future__ import annotations

import re

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from sahifa.weather.cities import City, parse_cities
from sahifa.weather.conditions import COMPASS, CONDITIONS, compass_point
from sahifa.weather.display import temperature, wind_speed

LANGUAGES = ("uz", "uz-cyrl", "ru", "en")
CYRILLIC = re.compile(r"^[\u0400-\u04FF0-9 ,.\-—]+$")
LATIN_UZ = re.compile(r"^[a-zA-Z\u02BB0-9 ,.\-—]+$")


@pytest.mark.parametrize(
    ("celsius", "shown"),
    [
        (10.2, "+10°"),
        (9.5, "+10°"),
        (0.4, "0°"),
        (-0.4, "0°"),
        (0.0, "0°"),
        (-2.5, "\u22123°"),
        (-3.4, "\u22123°"),
        (41.0, "+41°"),
    ],
)
def test_temperature_is_whole_degrees_with_sign(celsius, shown):
    assert temperature(celsius) == shown


@pytest.mark.parametrize(
    ("language", "speed", "shown"),
    [
        ("en", 2.4, "2.4 m/s"),
        ("en", 2.45, "2.5 m/s"),
        ("en", 3, "3.0 m/s"),
        ("en", 0.0, "0.0 m/s"),
        ("ru", 2.4, "2.4 м/с"),
        ("uz", 2.4, "2.4 m/s"),
        ("uz-cyrl", 12.04, "12.0 м/с"),
    ],
)
def test_wind_speed_has_one_decimal_and_the_language_unit(language, speed, shown):
    with translation.override(language):
        assert wind_speed(speed) == shown


@pytest.mark.parametrize(
    ("degrees", "en", "ru"),
    [
        (0, "N", "С"),
        (22, "N", "С"),
        (23, "NE", "СВ"),
        (90, "E", "В"),
        (135, "SE", "ЮВ"),
        (180, "S", "Ю"),
        (225, "SW", "ЮЗ"),
        (268, "W", "З"),
        (315, "NW", "СЗ"),
        (338, "N", "С"),
        (360, "N", "С"),
    ],
)
def test_eight_point_compass_in_english_and_russian(degrees, en, ru):
    with translation.override("en"):
        assert compass_point(degrees)[0] == en
    with translation.override("ru"):
        assert compass_point(degrees)[0] == ru


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_condition_and_point_is_translated_and_distinct(language):
    """Each word exists in the language's own script, and no two codes read alike."""
    with translation.override("en"):
        english = [str(w) for w in CONDITIONS.values()]
        english += [str(short) for short, _full in COMPASS] + [str(f) for _s, f in COMPASS]
    with translation.override(language):
        conditions = [str(w) for w in CONDITIONS.values()]
        shorts = [str(short) for short, _full in COMPASS]
        fulls = [str(full) for _short, full in COMPASS]
    assert len(set(conditions)) == len(CONDITIONS)
    assert len(set(shorts)) == len(set(fulls)) == 8
    words = conditions + shorts + fulls
    if language in ("ru", "uz-cyrl"):
        assert all(CYRILLIC.match(w) for w in words), words
    if language == "uz":
        assert all(LATIN_UZ.match(w) for w in words), words
        assert all("'" not in w and "\u2018" not in w for w in words)
        translated = [w for w, e in zip(conditions, english, strict=False) if w != e]
        assert len(translated) >= len(conditions) - 2  # "tuman"-like words may coincide
    if language == "en":
        assert words == english


def test_uzbek_latin_uses_the_modifier_letter_turned_comma():
    with translation.override("uz"):
        assert str(CONDITIONS[61]) == "yengil yomg\u02bbir"
        assert compass_point(270)[0] == "g\u02bbarb"


def test_cities_setting_parses_keys_and_coordinates():
    assert parse_cities("tashkent:41.2995:69.2401, samarkand ,khiva:41.378:60.364") == [
        City("tashkent", 41.2995, 69.2401),
        City("samarkand", 39.6542, 66.9597),
        City("khiva", 41.378, 60.364),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "lists no city"),
        ("atlantis", "entry 1 ('atlantis'): an unknown city needs"),
        ("tashkent,tashkent", "entry 2 ('tashkent'): the city 'tashkent' is listed twice"),
        ("Tashkent:1:2", "the key must be lower-case"),
        ("x:1", "expected key:latitude:longitude"),
        ("x:north:2", "must be numbers"),
        ("x:91:2", "within ±90"),
    ],
)
def test_a_bad_cities_setting_says_which_entry_and_why(value, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        parse_cities(value)


def test_a_bad_cities_setting_fails_the_startup_check(settings):
    settings.SAHIFA_WEATHER_CITIES = "tashkent:100:0"
    errors = [e for e in run_checks() if e.id == "sahifa_weather.E001"]
    assert len(errors) == 1 and "entry 1" in errors[0].msg


@pytest.mark.parametrize(
    ("language", "name"),
    [("uz", "Samarqand"), ("uz-cyrl", "Самарқанд"), ("ru", "Самарканд"), ("en", "Samarkand")],
)
def test_city_names_are_translated(language, name):
    with translation.override(language):
        assert City("samarkand", 0, 0).name == name
